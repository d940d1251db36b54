package dev.exhibit.acquire.device;

import java.nio.charset.StandardCharsets;

/**
 * The 512 bytes an ATA drive answers to IDENTIFY DEVICE (ACS-3 7.12.7): 256 little-endian words. Strings are stored
 * with the two characters of each word swapped.
 */
record AtaIdentify(byte[] data) {
    static final int BYTES = 512;

    AtaIdentify {
        if (data.length != BYTES) {
            throw new IllegalArgumentException("IDENTIFY data must be " + BYTES + " bytes, not " + data.length);
        }
        data = data.clone();
    }

    int word(int index) {
        return (data[2 * index] & 0xFF) | (data[2 * index + 1] & 0xFF) << 8;
    }

    /** Words 10-19. */
    String serial() {
        return string(10, 10);
    }

    /** Words 23-26. */
    String firmware() {
        return string(23, 4);
    }

    /** Words 27-46. */
    String model() {
        return string(27, 20);
    }

    /** Word 0 bit 15 clear: an ATA (not ATAPI) device. */
    boolean isAta() {
        return (word(0) & 0x8000) == 0;
    }

    /** Word 255: signature A5h in the low byte, and all 512 bytes summing to 0 modulo 256. */
    boolean checksumValid() {
        if ((word(255) & 0xFF) != 0xA5) {
            return false;
        }
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        return (sum & 0xFF) == 0;
    }

    /** Word 83 bit 10 (word valid when bits 15:14 are 01): the 48-bit address feature set. */
    boolean supportsLba48() {
        return valid(83) && (word(83) & (1 << 10)) != 0;
    }

    /** Word 82 bit 10: the Host Protected Area feature set. */
    boolean supportsHpa() {
        return valid(82) && (word(82) & (1 << 10)) != 0;
    }

    /** Word 83 bit 11: the Device Configuration Overlay feature set. */
    boolean supportsDco() {
        return valid(83) && (word(83) & (1 << 11)) != 0;
    }

    /** Sectors the host may address now: words 100-103 with 48-bit addressing, else words 60-61. */
    long userSectors() {
        if (supportsLba48()) {
            return (long) word(100) | (long) word(101) << 16 | (long) word(102) << 32 | (long) word(103) << 48;
        }
        return (long) word(60) | (long) word(61) << 16;
    }

    /** Logical sector size in bytes: words 117-118 (in words) when word 106 says so, else 512. */
    int logicalSectorBytes() {
        int w = word(106);
        if ((w & 0xC000) == 0x4000 && (w & (1 << 12)) != 0) {
            return 2 * (word(117) | word(118) << 16);
        }
        return 512;
    }

    /** Physical sector size in bytes: 2^(word 106 bits 3:0) logical sectors when bit 13 is set. */
    int physicalSectorBytes() {
        int w = word(106);
        if ((w & 0xC000) == 0x4000 && (w & (1 << 13)) != 0) {
            return logicalSectorBytes() << (w & 0xF);
        }
        return logicalSectorBytes();
    }

    private boolean valid(int index) {
        return (word(index) & 0xC000) == 0x4000;
    }

    private String string(int firstWord, int words) {
        byte[] chars = new byte[2 * words];
        for (int i = 0; i < words; i++) {
            chars[2 * i] = data[2 * (firstWord + i) + 1];
            chars[2 * i + 1] = data[2 * (firstWord + i)];
        }
        return new String(chars, StandardCharsets.ISO_8859_1).strip();
    }
}
