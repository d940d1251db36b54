package dev.exhibit.core.digest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The digests Exhibit computes, named as users type them ({@code sha256}) and as the JDK knows them. */
public enum HashAlgorithm {
    MD5("md5", "MD5"),
    SHA1("sha1", "SHA-1"),
    SHA256("sha256", "SHA-256"),
    SHA512("sha512", "SHA-512");

    private static final int FILE_BUFFER_BYTES = 4 << 20;

    private final String id;
    private final String jcaName;

    HashAlgorithm(String id, String jcaName) {
        this.id = id;
        this.jcaName = jcaName;
    }

    /** The lowercase name used on the command line, in logs and in records, e.g. {@code sha256}. */
    public String id() {
        return id;
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every JDK must provide these four (java.security.MessageDigest javadoc).
            throw new AssertionError(jcaName + " missing from the JDK", e);
        }
    }

    /** The lowercase hex digest of a whole file, read in large blocks. */
    public String hexOf(Path file) throws IOException {
        MessageDigest md = newDigest();
        ByteBuffer buf = ByteBuffer.allocateDirect(FILE_BUFFER_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static HashAlgorithm fromId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (HashAlgorithm a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm '" + id + "' (known: md5, sha1, sha256, sha512)");
    }

    /** Parses a comma-separated list such as {@code md5,sha1,sha256}, keeping order and rejecting repeats. */
    public static List<HashAlgorithm> parseList(String list) {
        List<HashAlgorithm> result = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            HashAlgorithm a = fromId(part);
            if (result.contains(a)) {
                throw new IllegalArgumentException("hash algorithm '" + a.id + "' given twice in '" + list + "'");
            }
            result.add(a);
        }
        return List.copyOf(result);
    }
}
