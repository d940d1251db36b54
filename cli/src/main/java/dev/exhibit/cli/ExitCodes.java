package dev.exhibit.cli;

/** The one exit-status policy every command follows; docs/exit-codes.md is the user-facing copy. */
final class ExitCodes {
    /** Everything asked for was done and everything checked matched. */
    static final int OK = 0;
    /** Evidence or a record of it failed verification, or is damaged. */
    static final int EVIDENCE = 1;
    /** The command line was wrong, or asked for something refused (such as writing into a non-empty directory). */
    static final int USAGE = 2;
    /** An I/O or environment failure: missing or unreadable file, full disk, missing library or permission. */
    static final int ENVIRONMENT = 3;
    /** A bug in Exhibit: an unexpected exception. The message asks for --debug. */
    static final int INTERNAL = 4;
    /**
     * Verified, but not established: no check failed, yet who signed (or when) rests on a key that nothing the user
     * supplied vouches for ({@code report verify} without {@code --ca} or {@code --tsa-ca}).
     */
    static final int NOT_ESTABLISHED = 5;
    /** Stopped by SIGINT or SIGTERM; partial work is kept and can be resumed. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
