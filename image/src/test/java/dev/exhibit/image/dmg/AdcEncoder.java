package dev.exhibit.image.dmg;

import java.io.ByteArrayOutputStream;

/**
 * A test-only ADC encoder that uses all three opcodes: runs of one byte become matches at distance 1 (the two-byte form
 * up to 18 bytes, the three-byte form up to 67), everything else literal runs of up to 128 bytes.
 */
final class AdcEncoder {
    private AdcEncoder() {}

    static byte[] encode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int literalStart = 0;
        while (i < in.length) {
            int run = 1;
            while (i > 0 && i + run - 1 < in.length && in[i + run - 1] == in[i - 1] && run <= 67) {
                run++;
            }
            run--;
            if (i > 0 && run >= 3) {
                literals(out, in, literalStart, i);
                if (run <= 18) {
                    out.write((run - 3) << 2);
                    out.write(0);
                } else {
                    out.write(0x40 | (run - 4));
                    out.write(0);
                    out.write(0);
                }
                i += run;
                literalStart = i;
            } else {
                i++;
            }
        }
        literals(out, in, literalStart, in.length);
        return out.toByteArray();
    }

    private static void literals(ByteArrayOutputStream out, byte[] in, int from, int to) {
        for (int at = from; at < to; at += 128) {
            int n = Math.min(128, to - at);
            out.write(0x80 | (n - 1));
            out.write(in, at, n);
        }
    }
}
