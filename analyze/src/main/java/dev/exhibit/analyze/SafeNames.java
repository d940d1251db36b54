package dev.exhibit.analyze;

import dev.exhibit.analyze.output.Utf8;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.text.Badges;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Names from evidence made safe to create on the examiner's machine. Every byte that could do harm or could not be
 * stored is percent-encoded ({@code %2F}): bytes that are not valid UTF-8, characters a reader could not see or that
 * restyle a terminal (controls, bidirectional overrides, zero-width), {@code / \ : * ? " < > |} (separators and what
 * Windows refuses), {@code %} itself (so the encoding can be reversed), a trailing space or dot, and {@code .} or
 * {@code ..} as whole names. A name longer than host file systems allow is cut and given part of the SHA-256 of the
 * original. The export manifest keeps the original bytes.
 */
final class SafeNames {
    /** ext4, XFS and Btrfs allow 255 bytes per name. */
    static final int MAX_NAME_BYTES = 255;

    private static final int HASH_HEX_CHARS = 16;
    private static final String UNSAFE_ASCII = "/\\:*?\"<>|%";

    private SafeNames() {}

    static String component(byte[] raw) {
        if (raw.length == 0) {
            return "%00";
        }
        if (raw.length <= 2 && raw[0] == '.' && (raw.length == 1 || raw[1] == '.')) {
            return raw.length == 1 ? "%2E" : "%2E%2E";
        }
        StringBuilder b = new StringBuilder(raw.length + 8);
        int i = 0;
        while (i < raw.length) {
            int c = raw[i] & 0xFF;
            if (c < 0x80) {
                boolean last = i == raw.length - 1;
                if (c < 0x20 || c == 0x7F || UNSAFE_ASCII.indexOf(c) >= 0 || (last && (c == ' ' || c == '.'))) {
                    percent(b, c);
                } else {
                    b.append((char) c);
                }
                i++;
                continue;
            }
            int n = Utf8.sequenceLength(raw, i, raw.length);
            if (n == 0 || Badges.needed(Utf8.decode(raw, i, n))) {
                int end = n == 0 ? i + 1 : i + n;
                for (; i < end; i++) {
                    percent(b, raw[i] & 0xFF);
                }
                continue;
            }
            b.append(new String(raw, i, n, StandardCharsets.UTF_8));
            i += n;
        }
        return fit(b.toString(), raw);
    }

    private static void percent(StringBuilder b, int c) {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
    }

    /** Cuts an over-long name at a character boundary and appends {@code ~} and a hash of the raw name. */
    private static String fit(String safe, byte[] raw) {
        if (safe.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return safe;
        }
        String suffix = "~" + Sha256.hex(raw).substring(0, HASH_HEX_CHARS);
        int budget = MAX_NAME_BYTES - suffix.length();
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < safe.length(); ) {
            int cp = safe.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            // never cut inside a %XX escape
            if (cp == '%') {
                len = 3;
            }
            if (bytes + len > budget) {
                break;
            }
            b.append(safe, i, i + (cp == '%' ? 3 : Character.charCount(cp)));
            bytes += len;
            i += cp == '%' ? 3 : Character.charCount(cp);
        }
        return b.append(suffix).toString();
    }
}
