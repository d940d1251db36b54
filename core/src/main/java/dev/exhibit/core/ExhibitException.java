package dev.exhibit.core;

/**
 * A failure that the user must hear about as one clear line. The message names what went wrong and where (path, byte
 * offset, sector, structure); the {@link Kind} decides the process exit status, so every command maps failures the
 * same way.
 */
public class ExhibitException extends RuntimeException {

    /** What kind of failure this is; each kind has one exit status, documented in docs/exit-codes.md. */
    public enum Kind {
        /** The evidence or a record of it does not verify, or is damaged: exit 1. */
        EVIDENCE(1),
        /** The request cannot be carried out as given (bad option value, non-empty output directory): exit 2. */
        USAGE(2),
        /** The machine or an I/O operation failed (missing file, disk full, library missing): exit 3. */
        ENVIRONMENT(3),
        /** The user stopped the run (SIGINT, SIGTERM); partial work is kept: exit 130. */
        INTERRUPTED(130);

        private final int exitStatus;

        Kind(int exitStatus) {
            this.exitStatus = exitStatus;
        }

        public int exitStatus() {
            return exitStatus;
        }
    }

    private final Kind kind;

    public ExhibitException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ExhibitException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ExhibitException evidence(String message) {
        return new ExhibitException(Kind.EVIDENCE, message);
    }

    public static ExhibitException usage(String message) {
        return new ExhibitException(Kind.USAGE, message);
    }

    public static ExhibitException environment(String message, Throwable cause) {
        return new ExhibitException(Kind.ENVIRONMENT, message, cause);
    }
}
