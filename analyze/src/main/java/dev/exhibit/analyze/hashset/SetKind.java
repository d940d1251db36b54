package dev.exhibit.analyze.hashset;

import java.util.Locale;

/** What a hit in a set means, as Autopsy and X-Ways class them. */
public enum SetKind {
    /** Known files, such as NSRL's: a hit means the file can be set aside. */
    KNOWN,
    /** Notable files (known bad, contraband, malware): a hit is reported. */
    NOTABLE;

    /** The name as users type it and records hold it: {@code known}, {@code notable}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    static SetKind fromId(String id) {
        for (SetKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown hash-set kind '" + id + "' (known: known, notable)");
    }
}
