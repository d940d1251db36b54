package dev.exhibit.report.custody;

import java.util.Locale;

/**
 * What happened to an item, as the custody log's {@code type}. The first seven are the handling events an examiner
 * records ({@code custody add}); the last three are written by Exhibit itself, so that the case, every acquisition and
 * every report issued (superseded ones included) sit in the same chain.
 */
public enum CustodyEventType {
    SEIZE(true),
    RECEIVE(true),
    TRANSFER(true),
    STORE(true),
    ACCESS(true),
    RETURN(true),
    DISPOSE(true),
    /** The case directory was created; carries the SHA-256 of {@code case.json}. */
    CASE_OPEN(false),
    /** An item was acquired into the case; carries the acquisition log's record count and head hash. */
    ACQUIRE(false),
    /** A report was issued; carries its id and the SHA-256 of its record. */
    REPORT(false);

    private final boolean manual;

    CustodyEventType(boolean manual) {
        this.manual = manual;
    }

    /** Whether an examiner records this event by hand ({@code custody add --type}). */
    public boolean manual() {
        return manual;
    }

    /** The name used in the log and on the command line, e.g. {@code transfer}, {@code case-open}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CustodyEventType fromId(String id) {
        for (CustodyEventType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown custody event type '" + id + "'");
    }
}
