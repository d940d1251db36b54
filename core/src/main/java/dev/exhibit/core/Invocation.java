package dev.exhibit.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Who ran which build of Exhibit, how, where and when: the facts every log and record starts with, so that a figure
 * can be traced back to the exact tool and command that produced it.
 *
 * @param version the tool version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the git commit the tool was built from, or {@code unknown}
 * @param dirty whether the build had uncommitted changes ({@code unknown} outside a git checkout)
 * @param commandLine the command as typed, shell-quoted so that it can be pasted back
 * @param hostTimeZone the host's configured zone, recorded beside the UTC times so local readings can be related
 */
public record Invocation(
        String tool,
        String version,
        String commit,
        String dirty,
        String commandLine,
        String host,
        String os,
        String user,
        String java,
        String hostTimeZone,
        long pid,
        Instant started) {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    /** Describes the running process; {@code args} are the arguments after the program name. */
    public static Invocation of(String program, List<String> args) {
        Properties build = buildProperties();
        StringBuilder cmd = new StringBuilder(program);
        for (String a : args) {
            cmd.append(' ').append(shellQuote(a));
        }
        return new Invocation(
                "exhibit",
                build.getProperty("version", "unknown"),
                orUnknown(build.getProperty("commit")),
                orUnknown(build.getProperty("dirty")),
                cmd.toString(),
                hostName(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("user.name"),
                System.getProperty("java.vendor") + " " + Runtime.version(),
                ZoneId.systemDefault().getId(),
                ProcessHandle.current().pid(),
                Instant.now());
    }

    public String versionLine() {
        return tool + " " + version + " (commit " + commit + ("true".equals(dirty) ? ", modified" : "") + ")";
    }

    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("tool", tool);
        n.put("version", version);
        n.put("commit", commit);
        n.put("dirty", dirty);
        n.put("commandLine", commandLine);
        n.put("host", host);
        n.put("os", os);
        n.put("user", user);
        n.put("java", java);
        n.put("hostTimeZone", hostTimeZone);
        n.put("pid", pid);
        n.put("started", Times.utc(started));
        return n;
    }

    /** {@code arg} as a POSIX shell word: unchanged when safe, else single-quoted. */
    public static String shellQuote(String arg) {
        if (!arg.isEmpty() && SHELL_SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String orUnknown(String value) {
        // An unfiltered placeholder means the build ran outside a git checkout.
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Invocation.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
