package dev.exhibit.acquire.writeblock;

import dev.exhibit.core.ExhibitException;

/**
 * A source that is not write-blocked where the acquisition requires it. Kind USAGE (exit status 2): the examiner asked
 * for something Exhibit refuses, and fixes it by write-blocking and unmounting the device (or, knowingly, with
 * {@code --no-writeblock-check}); the check itself worked.
 */
public final class WriteBlockException extends ExhibitException {
    private final WriteBlockStatus status;

    WriteBlockException(String message, WriteBlockStatus status) {
        super(Kind.USAGE, message);
        this.status = status;
    }

    /** What the check found. */
    public WriteBlockStatus status() {
        return status;
    }
}
