package dev.exhibit.cli;

import dev.exhibit.acquire.Cancellation;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a {@link Cancellation}, so a long command stops at its next block, logs why and leaves
 * its work resumable, instead of the JVM dying mid-write. A second signal is not needed and not waited for: the work
 * stops within one block.
 */
final class Interrupts {
    private Interrupts() {}

    /** A cancellation that the signals set, when this JVM runs the command line itself; otherwise a plain one. */
    static Cancellation install() {
        Cancellation cancel = new Cancellation();
        if (Main.standalone()) {
            for (String name : new String[] {"INT", "TERM"}) {
                Signal.handle(new Signal(name), s -> cancel.cancel("SIG" + s.getName()));
            }
        }
        return cancel;
    }
}
