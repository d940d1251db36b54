package dev.exhibit.cli;

import dev.exhibit.acquire.device.DeviceIdentity;
import dev.exhibit.acquire.writeblock.UdevRule;
import dev.exhibit.acquire.writeblock.WriteBlockCheck;
import dev.exhibit.acquire.writeblock.WriteBlockStatus;
import dev.exhibit.acquire.writeblock.WriteBlocker;
import dev.exhibit.core.Times;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit writeblock}: software write-blocking of evidence drives with the kernel read-only flag. */
@Command(
        name = "writeblock",
        mixinStandardHelpOptions = true,
        description = {
            "Make an evidence disk read-only, check it, release it, or manage the udev rule that does it.",
            "Make an evidence disk read-only (the kernel flag, as blockdev --setro) on the disk and every partition"
                    + " of it, and check it; or report, release, or install a udev rule that makes newly attached"
                    + " disks read-only before anything can mount them.",
            "Needs root. A file system mounted before the flag was set can still write: unmount first.%n"
        })
final class WriteblockCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "DEVICE",
            description = "The evidence block device (a disk or a partition: the whole disk is write-blocked).")
    Path device;

    @ArgGroup(exclusive = true)
    Action action = new Action();

    static final class Action {
        @Option(
                names = "--status",
                description = "Only report the read-only flags, what uses the disk, and its identity.")
        boolean status;

        @Option(names = "--release", description = "Clear the read-only flag (for a destination disk).")
        boolean release;

        @Option(
                names = "--install-udev-rule",
                description = "Install a udev rule making every disk attached from now on read-only (root).")
        boolean installRule;

        @Option(names = "--remove-udev-rule", description = "Remove that udev rule.")
        boolean removeRule;
    }

    @Option(
            names = "--rules-file",
            paramLabel = "FILE",
            description = "Where the udev rule lives (default: ${DEFAULT-VALUE}).")
    Path rulesFile = UdevRule.DEFAULT_FILE;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (action.installRule || action.removeRule) {
            if (device != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the udev rule options take no DEVICE");
            }
            return rule(out);
        }
        if (device == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "DEVICE is required");
        }
        WriteBlockStatus status;
        String done;
        if (action.status) {
            status = WriteBlockCheck.inspect(device);
            done = null;
        } else if (action.release) {
            status = WriteBlocker.release(device);
            done = "released";
        } else {
            status = WriteBlocker.apply(device);
            done = "write-blocked";
        }
        DeviceIdentity identity = action.status ? DeviceIdentity.probe(device) : null;
        if (json) {
            var n = Jcs.object();
            n.set("writeBlock", status.toJson());
            if (identity != null) {
                n.setAll(identity.toJson());
            }
            out.println(n.toPrettyString());
        } else {
            print(out, status, identity, done);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int rule(PrintWriter out) throws IOException {
        if (action.installRule) {
            UdevRule.Outcome o = UdevRule.install(rulesFile, Main.invocation().versionLine() + " at " + Times.now());
            out.println("installed " + o.file() + ": disks attached from now on become read-only; " + o.reload());
            for (String host : o.hostDisks()) {
                out.println("  host disk " + printable(host));
            }
            out.println("remove it with: exhibit writeblock --remove-udev-rule"
                    + (rulesFile.equals(UdevRule.DEFAULT_FILE) ? "" : " --rules-file " + rulesFile));
        } else {
            UdevRule.Outcome o = UdevRule.remove(rulesFile);
            out.println(
                    o == null
                            ? "no rule at " + rulesFile + "; nothing removed"
                            : "removed " + o.file() + "; " + o.reload());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, WriteBlockStatus status, DeviceIdentity identity, String done) {
        String verdict = status.blocked()
                ? "write-blocked"
                : status.readOnly() ? "read-only but in use" : "NOT write-blocked (writable)";
        out.println(printable(status.device()) + " (disk " + status.disk() + "): "
                + (done == null || done.equals("write-blocked") ? verdict : done + ", now " + verdict));
        for (WriteBlockStatus.NodeState n : status.nodes()) {
            out.printf(
                    Locale.ROOT,
                    "  %-16s %s (BLKROGET %d, sysfs ro %d)%n",
                    n.node(),
                    n.readOnly() && n.sysfsReadOnly() ? "read-only" : "writable",
                    n.readOnly() ? 1 : 0,
                    n.sysfsReadOnly() ? 1 : 0);
        }
        if (status.uses().isEmpty()) {
            out.println("  in use: nothing mounted, no swap, no holders");
        }
        for (String problem : status.problems()) {
            if (!problem.startsWith("the kernel read-only flag")) {
                out.println("  in use: " + printable(problem));
            }
        }
        if ("released".equals(done) && status.readOnly()) {
            out.println("  note: the device itself is read-only (attached read-only or write-protected by hardware)");
        }
        if (identity != null) {
            out.println("  identity: " + printable(identity.vendor() + " " + identity.model()) + ", serial "
                    + printable(identity.serial()) + ", firmware " + printable(identity.firmware()) + ", "
                    + identity.transport() + ", " + identity.sizeBytes() + " bytes, " + identity.logicalSectorBytes()
                    + "/" + identity.physicalSectorBytes() + "-byte sectors");
            out.println("  HPA: " + identity.hpa().state().json() + " ("
                    + printable(identity.hpa().detail()) + ")");
            out.println("  DCO: " + identity.dco().state().json() + " ("
                    + printable(identity.dco().detail()) + ")");
        }
        out.println("  checked " + Times.utc(status.checked()) + ", method " + status.method());
    }

    /** Device strings are hostile: control characters are shown as \xNN so they cannot rewrite the terminal. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
