package dev.exhibit.acquire.badsector;

import dev.exhibit.core.ExhibitException;

/** A mapfile that cannot be read as a GNU ddrescue mapfile; the message names the file and line. */
public final class MapfileException extends ExhibitException {
    private final String file;
    private final int lineNumber;

    MapfileException(String file, int lineNumber, String problem) {
        super(Kind.EVIDENCE, file + " line " + lineNumber + ": " + problem);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    public String file() {
        return file;
    }

    /** The 1-based line the problem is on. */
    public int lineNumber() {
        return lineNumber;
    }
}
