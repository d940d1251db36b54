package dev.exhibit.core.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 as lowercase hex, the form every Exhibit record uses. */
public final class Sha256 {
    /** The value a hash chain starts from: 64 zeros. */
    public static final String ZERO = "0".repeat(64);

    private static final int FILE_BUFFER_BYTES = 1 << 20;

    private Sha256() {}

    public static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }

    public static String hex(byte[] bytes, int offset, int length) {
        MessageDigest md = HashAlgorithm.SHA256.newDigest();
        md.update(bytes, offset, length);
        return HexFormat.of().formatHex(md.digest());
    }

    public static String ofFile(Path file) throws IOException {
        MessageDigest md = HashAlgorithm.SHA256.newDigest();
        byte[] buffer = new byte[FILE_BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static boolean isHex(String value) {
        return value != null
                && value.length() == 64
                && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
