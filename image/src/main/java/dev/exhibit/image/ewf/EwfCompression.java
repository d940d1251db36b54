package dev.exhibit.image.ewf;

import java.util.Locale;

/**
 * How chunks are stored, as ewfacquire's {@code -c} names the levels. The volume section records 0, 0, 1 or 2; the
 * zlib levels are libewf's and Guymager's (1 for fast, 9 for best; empty-block compresses only all-zero chunks, at
 * zlib's default level 6).
 */
public enum EwfCompression {
    NONE("none", 0, -1),
    EMPTY_BLOCK("empty-block", 0, 6),
    FAST("fast", 1, 1),
    BEST("best", 2, 9);

    private final String cliName;
    private final int volumeLevel;
    private final int zlibLevel;

    EwfCompression(String cliName, int volumeLevel, int zlibLevel) {
        this.cliName = cliName;
        this.volumeLevel = volumeLevel;
        this.zlibLevel = zlibLevel;
    }

    /** Parses {@code none}, {@code empty-block}, {@code fast} or {@code best}; the exception names the value. */
    public static EwfCompression parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (EwfCompression c : values()) {
            if (c.cliName.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (known: none, empty-block, fast, best)");
    }

    /** The name users type: {@code none}, {@code empty-block}, {@code fast}, {@code best}. */
    public String cliName() {
        return cliName;
    }

    /** Byte 52 of the volume section: 0 none, 1 fast, 2 best. */
    int volumeLevel() {
        return volumeLevel;
    }

    /** The zlib level chunks are deflated with (-1: never). */
    int zlibLevel() {
        return zlibLevel;
    }

    /** Whether chunks that are not all zeros are deflated. */
    boolean compressesData() {
        return this == FAST || this == BEST;
    }
}
