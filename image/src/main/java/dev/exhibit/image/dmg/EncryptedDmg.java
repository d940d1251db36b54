package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Encrypted Apple disk images: FileVault-style {@code encrcdsa} (v2, header at byte 0) and {@code cdsaencr} (v1,
 * signature in the last 8 bytes). The whole UDIF, trailer included, is inside the encrypted payload, so nothing can be
 * read without the password; Exhibit refuses them with a message that says so rather than reading ciphertext.
 */
final class EncryptedDmg {
    static final byte[] V2 = "encrcdsa".getBytes(StandardCharsets.US_ASCII);
    static final byte[] V1 = "cdsaencr".getBytes(StandardCharsets.US_ASCII);

    private EncryptedDmg() {}

    /** Which encryption header a file's first and last 8 bytes show, or null. */
    static String kind(byte[] first8, byte[] last8) {
        if (Arrays.equals(first8, V2)) {
            return "encrcdsa (version 2) header at byte 0";
        }
        if (Arrays.equals(last8, V1)) {
            return "cdsaencr (version 1) signature in the last 8 bytes";
        }
        return null;
    }

    static void refuseIfEncrypted(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            return;
        }
        ByteBuffer first = ByteBuffer.allocate(8);
        ByteBuffer last = ByteBuffer.allocate(8);
        ch.read(first, 0);
        ch.read(last, size - 8);
        String kind = kind(first.array(), last.array());
        if (kind != null) {
            throw MediaFormatException.at(
                    file,
                    "encrypted disk image",
                    kind.contains("byte 0") ? 0 : size - 8,
                    "an encrypted DMG (" + kind + "); Exhibit cannot decrypt it: decrypt it on a Mac (hdiutil"
                            + " convert) or with the password in another tool, then analyse the result");
        }
    }
}
