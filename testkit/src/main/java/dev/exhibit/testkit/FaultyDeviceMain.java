package dev.exhibit.testkit;

import dev.exhibit.core.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;

/** The command line of {@link FaultyDevice#main}, for benchmark scripts. */
final class FaultyDeviceMain {
    static final String USAGE = """
            usage: java -cp ... dev.exhibit.testkit.FaultyDevice (--size SIZE [--pattern SEED] | --backing FILE)
                       [--bad SPEC]... [--bad-delay DURATION] [--mount DIR] [--no-loop-direct-io]
                       [--no-fuse-direct-io] [--threads N]
              Starts a faulty block device, prints its path (/dev/loopN) on the first line of stdout and serves it
              until stdin closes or SIGTERM/SIGINT arrives; then detaches and unmounts everything.
              --size SIZE         device size, e.g. 1GiB (a multiple of 512), content from a seeded pattern
              --pattern SEED      pattern seed (default 1): sector N starts with N as a little-endian int64
              --backing FILE      serve this image file instead of a pattern
              --bad SPEC          unreadable 512-byte sectors: N, FIRST-LAST, COUNT@random:SEED, comma-separated
              --bad-delay D       time a read of a bad sector takes before failing: 250ms, 2s (default 0)
              --mount DIR         keep the FUSE file system mounted at DIR (DIR/disk); default: detached
              --no-loop-direct-io attach the loop device with --direct-io=off
              --no-fuse-direct-io let the FUSE file use the page cache (reads then arrive in pages)
              --threads N         FUSE server threads (default 2)
            """;

    private FaultyDeviceMain() {}

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            FaultyDevice device = start(args);
            out.println(device.blockDevice());
            out.flush();
            try (device) {
                while (stdin.read() >= 0) {
                    // Serve until stdin closes; SIGTERM ends the JVM and the shutdown hook closes the device.
                }
                err.println("faulty device " + device.blockDevice() + ": "
                        + device.reads().size() + " reads logged, " + device.failedReads() + " failed; closing");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("faulty-device: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("faulty-device: " + e.getMessage());
            return 3;
        }
    }

    static FaultyDevice start(String[] args) throws IOException {
        Long size = null;
        long seed = 1;
        Path backing = null;
        List<String> bad = new ArrayList<>();
        FaultyDevice.Options options = FaultyDevice.Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--size" -> size = Sizes.parse(value(args, ++i, a));
                case "--pattern" -> seed = Long.parseLong(value(args, ++i, a));
                case "--backing" -> backing = Path.of(value(args, ++i, a));
                case "--bad" -> bad.add(value(args, ++i, a));
                case "--bad-delay" -> options = options.withBadReadDelay(duration(value(args, ++i, a)));
                case "--mount" -> options = options.withMountDirectory(Path.of(value(args, ++i, a)));
                case "--no-loop-direct-io" -> options = options.withLoopDirectIo(false);
                case "--no-fuse-direct-io" -> options = options.withFuseDirectIo(false);
                case "--threads" -> options = options.withThreads(Integer.parseInt(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if ((size == null) == (backing == null)) {
            throw new IllegalArgumentException("give exactly one of --size and --backing");
        }
        DiskContent content = backing != null ? DiskContent.file(backing) : DiskContent.pattern(size, seed);
        NavigableSet<Long> badSectors =
                BadSectors.parse(String.join(",", bad), content.sizeBytes() / DiskContent.SECTOR_BYTES);
        return FaultyDevice.start(content, badSectors, options);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** {@code 250ms}, {@code 2s}, {@code 1m}. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("duration '" + text + "' is not like 250ms, 2s or 1m");
    }
}
