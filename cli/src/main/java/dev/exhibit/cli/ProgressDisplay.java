package dev.exhibit.cli;

import dev.exhibit.acquire.Progress;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The progress line on stderr while a long command runs on a terminal (percent, bar, bytes, current rate, bad sectors,
 * time since the last good read when a drive stalls, time left, phase; laid out by {@link ProgressLine}). The progressbar
 * library finds the terminal's width, redraws the line on its own thread and ends it; the layout is ours, so that it
 * fits 80 columns and states its units. Nothing is drawn when stderr is not a terminal, so logs and pipes get no
 * control characters.
 */
final class ProgressDisplay implements Progress, AutoCloseable {
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(3);

    private record Sample(long nanos, long bytes) {}

    private final String task;
    private final PrintStream err;
    private final boolean unicode;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private volatile Snapshot last;
    private volatile double rateNow;
    private ProgressBar bar;

    private ProgressDisplay(String task, PrintStream err) {
        this.task = task;
        this.err = err;
        // a terminal in the POSIX locale cannot show block characters: they would come out as '?'
        this.unicode = err != null && err.charset().newEncoder().canEncode("│█▏▎▍▌▋▊▉");
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
        samples.addLast(new Sample(s.elapsedNanos(), s.doneBytes()));
        while (samples.size() > 2 && s.elapsedNanos() - samples.getFirst().nanos() > RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample first = samples.getFirst();
        double seconds = (s.elapsedNanos() - first.nanos()) / 1e9;
        rateNow = seconds > 0 ? (s.doneBytes() - first.bytes()) / seconds : 0;
        last = s;
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(Math.max(1, s.totalBytes()))
                    .setUpdateIntervalMillis(250)
                    .setRenderer((state, width) -> ProgressLine.render(task, last, rateNow, width, unicode))
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        }
        bar.stepTo(s.doneBytes());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
