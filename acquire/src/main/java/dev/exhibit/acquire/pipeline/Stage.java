package dev.exhibit.acquire.pipeline;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One consumer of chunks on its own platform thread, so the image writer and each digest run on their own core where
 * there is one. A failure is kept, not thrown: the stage goes on releasing the chunks it is sent (so the producer
 * never waits for a buffer that will not come back) and the pipeline reports the failure to the producer.
 */
abstract class Stage {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object progress = new Object();
    private long submitted;
    private long processed;
    private volatile Throwable failure;
    private volatile boolean aborted;

    Stage(String name) {
        thread = Thread.ofPlatform().name("exhibit-" + name).daemon(true).unstarted(this::loop);
    }

    /** Processes one chunk; called on this stage's thread only, in the order chunks were submitted. */
    abstract void accept(Chunk chunk) throws Exception;

    /** Called once after the last chunk when nothing failed and the stage was ended, not aborted. */
    void finish() throws Exception {}

    final void start() {
        thread.start();
    }

    final void submit(Chunk chunk) {
        synchronized (progress) {
            submitted++;
        }
        queue.add(chunk);
    }

    /** Waits until every chunk submitted so far has been processed (or the stage has failed). */
    final void awaitIdle() throws InterruptedException {
        long target;
        synchronized (progress) {
            target = submitted;
        }
        awaitProcessed(target);
    }

    /** Waits until {@code count} chunks have been processed since the stage started (or it has failed). */
    final void awaitProcessed(long count) throws InterruptedException {
        synchronized (progress) {
            while (processed < count && failure == null) {
                progress.wait(100);
            }
        }
    }

    /** Ends the stage once it has processed what it was sent, then calls {@link #finish()}. */
    final void end() {
        queue.add(END);
    }

    /**
     * Ends the stage once it has processed what it was sent, without {@link #finish()}: the input stopped early (a
     * failure, an interruption), and what finish would complete (a last, shorter window) is not an end.
     */
    final void abort() {
        aborted = true;
        queue.add(END);
    }

    final void join() throws InterruptedException {
        thread.join();
    }

    final Throwable failure() {
        return failure;
    }

    private void loop() {
        try {
            while (true) {
                Object next = queue.take();
                if (next == END) {
                    break;
                }
                Chunk chunk = (Chunk) next;
                try {
                    if (failure == null) {
                        accept(chunk);
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    chunk.lease().release();
                    synchronized (progress) {
                        processed++;
                        progress.notifyAll();
                    }
                }
            }
            if (failure == null && !aborted) {
                finish();
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }
}
