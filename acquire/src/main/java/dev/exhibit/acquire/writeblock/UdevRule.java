package dev.exhibit.acquire.writeblock;

import dev.exhibit.acquire.device.BlockDevice;
import dev.exhibit.acquire.device.UdevProperties;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A udev rule that makes every block device attached from now on read-only (as {@code blockdev --setro}) before
 * anything can mount it, and hides it from desktop automounting (udisks). The host's own disks are left alone: the
 * rule acts on real hot-plug {@code add} events only, not on the synthetic ones that replay existing devices at boot
 * (they carry {@code SYNTH_UUID}), and never on devices the host makes itself (loop, RAM, zram, device-mapper, md,
 * nbd, zvol, drbd). Named 61-... so that udev's persistent-storage rules (60-...) have set ID_SERIAL before it runs,
 * and so that its RUN is queued before those of later rules (md and LVM auto-assembly).
 */
public final class UdevRule {
    /** Where {@code exhibit writeblock --install-udev-rule} puts the rule. */
    public static final Path DEFAULT_FILE = Path.of("/etc/udev/rules.d/61-exhibit-writeblock.rules");

    /** Kernel names of devices the host makes itself; they are never evidence drives attached by an examiner. */
    static final List<String> HOST_MADE = List.of("loop*", "ram*", "zram*", "dm-*", "md*", "nbd*", "zd*", "drbd*");

    /** Serials written into the rule must not hold udev's glob or quote characters. */
    private static final java.util.regex.Pattern SAFE_SERIAL = java.util.regex.Pattern.compile("[A-Za-z0-9_.:+-]+");

    private static final Path UDEV_CONTROL = Path.of("/run/udev/control");
    private static final String MARKER = "# Exhibit write-blocking rule";

    /**
     * What an install or removal did.
     *
     * @param reload whether udev was told, or why not
     * @param hostDisks the disks this host used when the rule was installed, and how the rule leaves each alone
     */
    public record Outcome(Path file, String reload, List<String> hostDisks) {}

    private UdevRule() {}

    /**
     * The rule text, excluding devices whose kernel name matches {@code hostMade} and disks whose udev ID_SERIAL is in
     * {@code hostSerials}.
     */
    static String text(String blockdev, List<String> hostMade, List<String> hostSerials, String installedBy) {
        return MARKER + ", installed by: " + installedBy + "\n"
                + """
                # Every block device attached from now on (a real hot-plug "add" event) gets the kernel read-only
                # flag before anything can mount it, and is hidden from desktop automounting (udisks).
                # Remove:  exhibit writeblock --remove-udev-rule   (or delete this file, then: udevadm control --reload)
                # Make a destination disk writable:  exhibit writeblock --release /dev/sdX
                SUBSYSTEM!="block", GOTO="exhibit_writeblock_end"
                ACTION!="add", GOTO="exhibit_writeblock_end"
                # Boot-time coldplug replays "add" for disks already present (the host's own); those events are
                # synthetic and carry SYNTH_UUID.
                ENV{SYNTH_UUID}=="?*", GOTO="exhibit_writeblock_end"
                # Devices the host makes itself are not evidence drives.
                """
                + "KERNEL==\"" + String.join("|", hostMade) + "\", GOTO=\"exhibit_writeblock_end\"\n"
                + (hostSerials.isEmpty()
                        ? ""
                        : "# Disks this host used (mounted, swap, held) when the rule was installed.\n")
                + hostSerials.stream()
                        .map(serial -> "ENV{ID_SERIAL}==\"" + serial + "\", GOTO=\"exhibit_writeblock_end\"\n")
                        .collect(java.util.stream.Collectors.joining())
                + "ENV{DEVTYPE}==\"disk|partition\", RUN+=\"" + blockdev
                + " --setro $devnode\", ENV{UDISKS_IGNORE}=\"1\", ENV{UDISKS_AUTO}=\"0\"\n"
                + "LABEL=\"exhibit_writeblock_end\"\n";
    }

    /** Writes the rule to {@code file} (root only) and asks udev to reload its rules. */
    public static Outcome install(Path file, String installedBy) throws IOException {
        String blockdev = blockdev()
                .orElseThrow(() -> new ExhibitException(
                        ExhibitException.Kind.ENVIRONMENT, "blockdev (util-linux) not found in /usr/sbin or /sbin"));
        List<String> serials = new ArrayList<>();
        List<String> hostDisks = new ArrayList<>();
        for (BlockDevice disk : hostDisks()) {
            Optional<String> serial = UdevProperties.of(disk).get("ID_SERIAL");
            if (serial.isPresent() && SAFE_SERIAL.matcher(serial.get()).matches()) {
                serials.add(serial.get());
                hostDisks.add(disk + ": excluded by its serial " + serial.get() + " and as coldplug");
            } else {
                hostDisks.add(disk + ": excluded as coldplug only (udev knows no usable serial for it)");
            }
        }
        Outcome written = write(file, text(blockdev, HOST_MADE, serials, installedBy));
        return new Outcome(written.file(), written.reload(), hostDisks);
    }

    /** Disks with a mounted file system, active swap or a stacked device on them or their partitions. */
    static List<BlockDevice> hostDisks() throws IOException {
        List<BlockDevice> disks = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/sys/block"))) {
            for (Path sys : all) {
                String name = sys.getFileName().toString();
                if (HOST_MADE.stream().anyMatch(glob -> name.startsWith(glob.substring(0, glob.length() - 1)))) {
                    continue;
                }
                BlockDevice disk;
                try {
                    disk = BlockDevice.of(Path.of("/dev", name));
                } catch (IOException | RuntimeException e) {
                    continue; // no node for it here
                }
                if (!DeviceUsage.of(WriteBlockCheck.overlapping(disk)).isEmpty()) {
                    disks.add(disk);
                }
            }
        }
        return disks;
    }

    /** Writes rule text atomically and reloads udev. */
    static Outcome write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".exhibit-writeblock.", ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Outcome(file, reload(), List.of());
    }

    /**
     * Removes the rule and reloads udev. Refuses a file that is not Exhibit's rule.
     *
     * @return null when there was no rule to remove
     */
    public static Outcome remove(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.readString(file).startsWith(MARKER)) {
            throw ExhibitException.usage(file + " is not Exhibit's write-blocking rule; not removed");
        }
        Files.delete(file);
        return new Outcome(file, reload(), List.of());
    }

    /** {@code udevadm control --reload} when udevd runs; otherwise says so (the rule is read when udevd starts). */
    static String reload() throws IOException {
        if (!Files.exists(UDEV_CONTROL)) {
            return "udevd is not running here; it reads the rule when it starts";
        }
        Process p = new ProcessBuilder("udevadm", "control", "--reload")
                .redirectErrorStream(true)
                .start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "udevadm control --reload did not finish in 30 s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reloading udev rules";
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.exitValue() == 0 ? "udev rules reloaded" : "udevadm control --reload failed: " + out;
    }

    private static Optional<String> blockdev() {
        for (String candidate : List.of("/usr/sbin/blockdev", "/sbin/blockdev", "/usr/bin/blockdev")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
