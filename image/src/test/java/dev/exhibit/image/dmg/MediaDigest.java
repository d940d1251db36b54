package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a reader's whole media, as acquire or verify would, and hashes it. */
final class MediaDigest {
    private MediaDigest() {}

    static String md5(MediaReader reader, int bufferBytes) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            ByteBuffer b = ByteBuffer.allocate(bufferBytes);
            long pos = 0;
            while (true) {
                b.clear();
                int n = reader.read(pos, b);
                if (n < 0) {
                    break;
                }
                md.update(b.flip());
                pos += n;
            }
            if (pos != reader.sizeBytes()) {
                throw new AssertionError("read " + pos + " bytes of " + reader.sizeBytes());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
