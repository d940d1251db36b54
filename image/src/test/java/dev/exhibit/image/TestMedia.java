package dev.exhibit.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Media for the readers' tests: a generated disk, and a whole reader hashed as acquire or verify would read it. */
public final class TestMedia {
    private TestMedia() {}

    /** MD5 of every byte of the reader's media, read in pieces of {@code bufferBytes}; fails unless all were read. */
    public static String md5(MediaReader reader, int bufferBytes) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            ByteBuffer b = ByteBuffer.allocate(bufferBytes);
            long pos = 0;
            int n;
            while ((n = reader.read(pos, b.clear())) >= 0) {
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

    /** Text, random bytes and zeros in turn, 64 KiB each, so that clusters compress, do not, and are empty. */
    public static Path mixedDisk(Path file, int bytes) throws IOException {
        byte[] d = new byte[bytes];
        Random random = new Random(7);
        for (int i = 0; i < bytes; i++) {
            int kind = (i >> 16) % 3;
            d[i] = kind == 0 ? (byte) ("disk " + (i >> 9)).charAt(i % 5) : kind == 1 ? (byte) random.nextInt() : 0;
        }
        return Files.write(file, d);
    }
}
