package dev.exhibit.analyze.fs;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A file system's own identifier as libtsk reads it from the boot sector or superblock ({@code fs_id}), written as
 * {@code blkid} and Windows write it: the ext2/3/4 UUID ({@code 5eed0000-0000-4000-8000-00000000e4e4}), the FAT and
 * exFAT volume serial number ({@code 4750-0001}, a little-endian 32-bit number in two halves), the NTFS volume serial
 * number ({@code 34F5EE1202469FF7}, little-endian 64-bit). Other types show the bytes as stored.
 *
 * @param kind {@code uuid}, {@code serial}, or {@code id} for bytes Exhibit does not interpret
 * @param value the identifier as examiners cite it
 * @param hex the bytes as stored on disk, in hex
 */
public record VolumeId(String kind, String value, String hex) {
    static final int UUID_BYTES = 16;
    static final int FAT_SERIAL_BYTES = 4;
    static final int NTFS_SERIAL_BYTES = 8;

    /** The identifier in {@code bytes} for a file system of {@code type}, or {@code null} when there is none. */
    static VolumeId of(FileSystemType type, byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        HexFormat hex = HexFormat.of();
        String stored = hex.formatHex(bytes);
        if (type.isExt() && bytes.length == UUID_BYTES) {
            return new VolumeId(
                    "uuid",
                    stored.substring(0, 8) + "-" + stored.substring(8, 12) + "-" + stored.substring(12, 16) + "-"
                            + stored.substring(16, 20) + "-" + stored.substring(20),
                    stored);
        }
        if ((type.isFat() || type.code() == FileSystemType.EXFAT) && bytes.length == FAT_SERIAL_BYTES) {
            String n = littleEndianHex(bytes);
            return new VolumeId("serial", n.substring(0, 4) + "-" + n.substring(4), stored);
        }
        if (type.isNtfs() && bytes.length == NTFS_SERIAL_BYTES) {
            return new VolumeId("serial", littleEndianHex(bytes), stored);
        }
        return new VolumeId("id", stored, stored);
    }

    /** The bytes read as one little-endian number, in upper-case hex with all its digits. */
    private static String littleEndianHex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (int i = bytes.length - 1; i >= 0; i--) {
            b.append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF));
        }
        return b.toString();
    }
}
