package dev.exhibit.cli;

import dev.exhibit.acquire.Progress;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress line on stderr while a long command runs on a terminal: percent, bytes, average MB/s and ETA (drawn by
 * the progressbar library, which handles terminal width and redraws), plus the current MB/s, the bad sectors so far
 * and, when a drive stalls, the time since its last good read. Nothing is drawn when stderr is not a terminal, so
 * logs and pipes get no control characters.
 */
final class ProgressDisplay implements Progress, AutoCloseable {
    private static final long MB = 1_000_000;
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Sample(long nanos, long bytes) {}

    private final String task;
    private final PrintStream err;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private ProgressBar bar;

    private ProgressDisplay(String task, PrintStream err) {
        this.task = task;
        this.err = err;
    }

    /** A display on the process's stderr when it is a terminal, otherwise one that draws nothing. */
    static ProgressDisplay onTerminal(String task) {
        boolean terminal = Main.standalone()
                && System.console() != null
                && System.console().isTerminal();
        return new ProgressDisplay(task, terminal ? System.err : null);
    }

    @Override
    public void update(Snapshot s) {
        if (err == null) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(s.totalBytes())
                    .setUnit(" MB", MB)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        }
        bar.stepTo(s.doneBytes());
        bar.setExtraMessage(extra(s));
    }

    private String extra(Snapshot s) {
        samples.addLast(new Sample(s.elapsedNanos(), s.doneBytes()));
        while (samples.size() > 2 && s.elapsedNanos() - samples.getFirst().nanos() > RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample first = samples.getFirst();
        double seconds = (s.elapsedNanos() - first.nanos()) / 1e9;
        double now = seconds > 0 ? (s.doneBytes() - first.bytes()) / seconds / MB : 0;
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, " now %.0f MB/s", now));
        m.append(", ").append(s.phase());
        if (s.badSectors() > 0) {
            m.append(", ").append(s.badSectors()).append(" bad sectors");
        }
        if (s.nanosSinceGoodRead() > STALL_NANOS) {
            m.append(String.format(Locale.ROOT, ", last good read %.0f s ago", s.nanosSinceGoodRead() / 1e9));
        }
        return m.toString();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
