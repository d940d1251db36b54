package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;

/**
 * Plain lists of hex digests (one a line, as VirusShare's), and the output of GNU {@code md5sum}, {@code sha1sum} and
 * {@code sha256sum}, in their default form ({@code HASH  NAME}, {@code HASH *NAME}) or with {@code --tag} ({@code
 * SHA256 (NAME) = HASH}); a line whose name was escaped starts with a backslash. The first digest decides the form
 * and, for untagged lists, the algorithm; every later line must match. Blank lines and lines starting with {@code #}
 * are skipped; digests may be either case.
 */
final class TextListReader {
    /** The forms of a text list. */
    enum Form {
        PLAIN("plain list"),
        SUM("sum list"),
        TAG("tagged sum list");

        final String label;

        Form(String label) {
            this.label = label;
        }
    }

    private static final String[] TAGS = {"MD5", "SHA1", "SHA256"};

    private final LineReader lines;
    private final byte[][] scratch = {new byte[16], new byte[20], new byte[32]};
    private Form form;
    private HashAlgorithm algorithm;
    private long firstLine;

    TextListReader(LineReader lines) {
        this.lines = lines;
    }

    /** Reads every line into {@code sink}; returns the format as records name it, e.g. {@code md5sum}. */
    String read(DigestSink sink) throws IOException {
        while (lines.next()) {
            if (lines.blank() || lines.startsWith("#")) {
                continue;
            }
            if (form == null) {
                detect();
            }
            HashAlgorithm a = switch (form) {
                case PLAIN -> plain();
                case SUM -> sum();
                case TAG -> tag();
            };
            if (a == null) {
                throw lines.error("is not a line of the " + describe() + " that line " + firstLine + " began");
            }
            if (form != Form.TAG && a != algorithm) {
                throw lines.error("holds a " + a.id() + " digest, but line " + firstLine + " began a list of "
                        + algorithm.id() + " digests");
            }
            sink.accept(a, scratch[index(a)]);
        }
        if (form == null) {
            throw lines.error("ends a file that holds no digest");
        }
        return describe();
    }

    private void detect() {
        for (Form f : Form.values()) {
            form = f;
            HashAlgorithm a = switch (f) {
                case PLAIN -> plain();
                case SUM -> sum();
                case TAG -> tag();
            };
            if (a != null) {
                algorithm = a;
                firstLine = lines.number();
                return;
            }
        }
        if (lines.startsWith("\"SHA-1\"")) {
            throw lines.error("begins NSRL RDS v2 text, which NIST no longer publishes; import the RDS v3 SQLite"
                    + " database instead");
        }
        throw lines.error("is not a hash list Exhibit reads (a hex MD5, SHA-1 or SHA-256 digest alone on a line;"
                + " md5sum, sha1sum or sha256sum output; hashdeep; an NSRL RDS v3 SQLite database)");
    }

    private String describe() {
        return switch (form) {
            case PLAIN -> "plain " + algorithm.id() + " list";
            case SUM -> algorithm.id() + "sum";
            case TAG -> "tagged sum list";
        };
    }

    /** A digest alone, perhaps followed by spaces or tabs. */
    private HashAlgorithm plain() {
        byte[] b = lines.bytes();
        int end = lines.end();
        while (end > lines.start() && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        int n = Digests.hexRun(b, lines.start(), end);
        return n == end - lines.start() ? decoded(lines.start(), n) : null;
    }

    /** {@code [\]HASH  NAME} or {@code [\]HASH *NAME}. */
    private HashAlgorithm sum() {
        byte[] b = lines.bytes();
        int s = lines.start() + (b[lines.start()] == '\\' ? 1 : 0);
        int n = Digests.hexRun(b, s, lines.end());
        if (s + n + 2 >= lines.end() || b[s + n] != ' ' || (b[s + n + 1] != ' ' && b[s + n + 1] != '*')) {
            return null;
        }
        return decoded(s, n);
    }

    /** {@code [\]ALG (NAME) = HASH}. */
    private HashAlgorithm tag() {
        byte[] b = lines.bytes();
        int s = lines.start() + (b[lines.start()] == '\\' ? 1 : 0);
        for (String t : TAGS) {
            HashAlgorithm a = HashAlgorithm.fromId(t);
            int hex = 2 * Digests.widthBytes(a);
            int at = lines.end() - hex - 4;
            if (lines.end() - s >= t.length() + 2 + 4 + hex
                    && startsWith(b, s, t + " (")
                    && startsWith(b, at, ") = ")
                    && Digests.hexRun(b, at + 4, lines.end()) == hex) {
                return decoded(at + 4, hex);
            }
        }
        return null;
    }

    private HashAlgorithm decoded(int from, int hexDigits) {
        HashAlgorithm a = Digests.ofHexLength(hexDigits);
        if (a == null) {
            return null;
        }
        Digests.decode(lines.bytes(), from, hexDigits / 2, scratch[index(a)]);
        return a;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int index(HashAlgorithm a) {
        return switch (a) {
            case MD5 -> 0;
            case SHA1 -> 1;
            default -> 2;
        };
    }
}
