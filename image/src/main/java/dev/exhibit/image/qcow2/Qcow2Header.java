package dev.exhibit.image.qcow2;

import dev.exhibit.image.MediaFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The QCOW2 header (big-endian, byte 0 of the file), versions 2 and 3, checked against the file's size: tables that
 * lie past the end, cluster sizes qemu never writes, encryption, external data files, extended L2 entries and zstd
 * clusters are refused, each with the field and its byte offset.
 *
 * @param version 2 or 3
 * @param clusterBits log2 of the cluster size in bytes (9 to 21)
 * @param mediaBytes the virtual disk's size in bytes
 * @param l1Entries entries in the L1 table
 * @param l1Offset byte offset of the L1 table
 * @param backingNameOffset byte offset of the backing file's name (0: none)
 * @param backingNameBytes its length
 * @param snapshots how many internal snapshots the image holds (the active state is read)
 * @param incompatible the v3 incompatible feature bits
 */
record Qcow2Header(
        int version,
        int clusterBits,
        long mediaBytes,
        int l1Entries,
        long l1Offset,
        long backingNameOffset,
        int backingNameBytes,
        int snapshots,
        long incompatible) {
    static final int MAGIC = 0x514649FB; // "QFI\xfb"
    static final int MIN_BYTES = 72;
    static final long OFFSET_MASK = 0x00FF_FFFF_FFFF_FE00L;
    static final long DIRTY = 1;
    static final long CORRUPT = 1 << 1;
    private static final long EXTERNAL_DATA = 1 << 2;
    private static final long COMPRESSION_TYPE = 1 << 3;
    private static final long EXTENDED_L2 = 1 << 4;
    private static final long KNOWN = DIRTY | CORRUPT | EXTERNAL_DATA | COMPRESSION_TYPE | EXTENDED_L2;

    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && ByteBuffer.wrap(head).getInt(0) == MAGIC;
    }

    static Qcow2Header parse(Path file, byte[] head, long fileBytes) throws MediaFormatException {
        ByteBuffer b = ByteBuffer.wrap(head);
        if (head.length < MIN_BYTES || b.getInt(0) != MAGIC) {
            throw bad(file, 0, "no QCOW2 signature (QFI\\xfb) in a header of " + head.length + " bytes");
        }
        int version = b.getInt(4);
        if (version != 2 && version != 3) {
            throw bad(file, 4, "version " + version + ", not 2 or 3 (QCOW version 1 is not read)");
        }
        int clusterBits = b.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw bad(file, 20, "cluster bits " + clusterBits + " outside 9-21 (512 bytes to 2 MiB)");
        }
        long size = b.getLong(24);
        if (size < 0 || size > (1L << 56)) {
            throw bad(file, 24, "impossible virtual size of " + size + " bytes");
        }
        int crypt = b.getInt(32);
        if (crypt != 0) {
            throw bad(
                    file,
                    32,
                    "encrypted image (method " + crypt + (crypt == 1 ? ", AES" : crypt == 2 ? ", LUKS" : "")
                            + "): Exhibit cannot decrypt it; decrypt it with qemu-img convert and the key, then analyse the result");
        }
        long l1Entries = b.getInt(36) & 0xFFFFFFFFL;
        long l1Offset = b.getLong(40);
        long clusterBytes = 1L << clusterBits;
        long l2Covers = (clusterBytes / 8) * clusterBytes;
        long needed = (size + l2Covers - 1) / l2Covers;
        if (l1Entries < needed || l1Entries > (32L << 20) / 8) {
            throw bad(file, 36, "L1 table of " + l1Entries + " entries for a disk that needs " + needed);
        }
        if (l1Offset <= 0 || (l1Offset & (clusterBytes - 1)) != 0 || l1Offset + l1Entries * 8 > fileBytes) {
            throw bad(
                    file,
                    40,
                    "L1 table at byte " + l1Offset + " (" + l1Entries * 8
                            + " bytes) is unaligned or lies past the end of the file (" + fileBytes + " bytes)");
        }
        long backingOffset = b.getLong(8);
        int backingBytes = b.getInt(16);
        if (backingOffset != 0
                && (backingOffset < 0
                        || backingBytes <= 0
                        || backingBytes > 1023
                        || backingOffset + backingBytes > Math.min(fileBytes, clusterBytes))) {
            throw bad(
                    file,
                    8,
                    "backing file name at byte " + backingOffset + " (" + backingBytes
                            + " bytes) lies outside the header cluster");
        }
        long incompatible = 0;
        if (version == 3) {
            if (head.length < 104) {
                throw bad(file, 100, "version 3 header truncated at " + head.length + " bytes");
            }
            incompatible = b.getLong(72);
            int headerBytes = b.getInt(100);
            if ((incompatible & ~KNOWN) != 0) {
                throw bad(file, 72, "unknown incompatible features 0x" + Long.toHexString(incompatible & ~KNOWN));
            }
            if ((incompatible & EXTERNAL_DATA) != 0) {
                throw bad(file, 72, "its data lives in an external data file, which Exhibit does not read");
            }
            if ((incompatible & EXTENDED_L2) != 0) {
                throw bad(file, 72, "extended L2 entries (subclusters), which Exhibit does not read");
            }
            if ((incompatible & COMPRESSION_TYPE) != 0 && headerBytes > 104 && head.length > 104 && head[104] != 0) {
                throw bad(file, 104, "compression type " + head[104] + " (zstd), which Exhibit does not read");
            }
        }
        return new Qcow2Header(
                version,
                clusterBits,
                size,
                (int) l1Entries,
                l1Offset,
                backingOffset,
                backingBytes,
                b.getInt(60),
                incompatible);
    }

    long clusterBytes() {
        return 1L << clusterBits;
    }

    static MediaFormatException bad(Path file, long byteOffset, String what) {
        return MediaFormatException.at(file, "QCOW2 header field", byteOffset, what);
    }
}
