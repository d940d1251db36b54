package dev.exhibit.acquire.badsector;

/** The status of a block of the source in a GNU ddrescue mapfile, with the character the mapfile uses for it. */
public enum BlockStatus {
    /** {@code ?}: not read yet. */
    NON_TRIED('?'),
    /** {@code *}: a read failed somewhere in it; its edges have not been trimmed sector by sector yet. */
    NON_TRIMMED('*'),
    /** {@code /}: trimmed, but its inside has not been scraped sector by sector yet. */
    NON_SCRAPED('/'),
    /** {@code -}: bad sector(s), every sector read and failed. */
    BAD_SECTOR('-'),
    /** {@code +}: read successfully. */
    FINISHED('+');

    private final char symbol;

    BlockStatus(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    /** Whether a read of this block failed (it is unreadable so far): {@code *}, {@code /} or {@code -}. */
    public boolean failed() {
        return this == NON_TRIMMED || this == NON_SCRAPED || this == BAD_SECTOR;
    }

    /** The status a mapfile character stands for, or null if it stands for none. */
    static BlockStatus of(char symbol) {
        for (BlockStatus s : values()) {
            if (s.symbol == symbol) {
                return s;
            }
        }
        return null;
    }
}
