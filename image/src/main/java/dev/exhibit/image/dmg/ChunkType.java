package dev.exhibit.image.dmg;

import java.util.Locale;

/** The chunk types of a {@code mish} table, with the names the summary gives them. */
enum ChunkType {
    ZERO(0x00000000, "zero"),
    RAW(0x00000001, "raw"),
    IGNORE(0x00000002, "ignore"),
    ADC(0x80000004, "adc"),
    ZLIB(0x80000005, "zlib"),
    BZIP2(0x80000006, "bzip2"),
    LZFSE(0x80000007, "lzfse"),
    LZMA(0x80000008, "lzma"),
    COMMENT(0x7FFFFFFE, "comment"),
    TERMINATOR(0xFFFFFFFF, "terminator");

    final int code;
    final String label;

    ChunkType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The type with this code, or null for one Exhibit does not know. */
    static ChunkType of(int code) {
        for (ChunkType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** Whether the chunk's bytes come out of the data fork (not zeros, not a marker). */
    boolean stored() {
        return this != ZERO && this != IGNORE && this != COMMENT && this != TERMINATOR;
    }

    static String hex(int code) {
        return "0x" + String.format(Locale.ROOT, "%08x", code);
    }
}
