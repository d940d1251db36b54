package dev.exhibit.image.lzfse;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Writes one bvxn block for {@link LzfseWriter}, using every opcode family the sequences give occasion to. */
final class LzvnWriter {
    private LzvnWriter() {}

    static void block(ByteArrayOutputStream out, byte[] data, int start, int end, List<LzfseWriter.Sequence> seqs) {
        ByteArrayOutputStream ops = new ByteArrayOutputStream();
        int previous = 0;
        for (LzfseWriter.Sequence s : seqs) {
            int lit = s.literalStart();
            int literals = s.literals();
            int lead = s.match() > 0 ? Math.max(0, literals - 3) : literals;
            literalsOnly(ops, data, lit, lead);
            lit += lead;
            literals -= lead;
            if (s.match() == 0) {
                continue;
            }
            int d = s.distance();
            int m = s.match();
            // LLMMMxxx opcodes whose first byte would fall among 0111xxxx, 101xxxxx, 1101xxxx or 111xxxxx mean
            // something else: with literals, fewer match bytes fit.
            int shortMax = literals == 0 ? 10 : literals == 1 ? 8 : literals == 2 ? 6 : 4;
            int first;
            if (d == previous && literals == 0) {
                first = 0; // the whole match goes as matches at the previous distance below
            } else if (d == previous) {
                first = Math.min(m, shortMax);
                ops.write(literals << 6 | (first - 3) << 3 | 6);
            } else if (d < 1536) {
                first = Math.min(m, shortMax);
                ops.write(literals << 6 | (first - 3) << 3 | d >>> 8);
                ops.write(d & 0xff);
            } else if (d < 16384) {
                first = Math.min(m, 34);
                int mm = first - 3;
                ops.write(0xa0 | literals << 3 | mm >>> 2);
                int field = d << 2 | (mm & 3);
                ops.write(field & 0xff);
                ops.write(field >>> 8);
            } else {
                first = Math.min(m, shortMax);
                ops.write(literals << 6 | (first - 3) << 3 | 7);
                ops.write(d & 0xff);
                ops.write(d >>> 8);
            }
            ops.write(data, lit, literals);
            previous = d;
            for (int rest = m - first; rest > 0; ) {
                int n = Math.min(rest, 271);
                if (n >= 16) {
                    ops.write(0xf0);
                    ops.write(n - 16);
                } else {
                    ops.write(0xf0 | n);
                }
                rest -= n;
            }
        }
        ops.writeBytes(new byte[] {0x06, 0, 0, 0, 0, 0, 0, 0});
        LzfseWriter.le32(out, Lzfse.LZVN);
        LzfseWriter.le32(out, end - start);
        LzfseWriter.le32(out, ops.size());
        out.writeBytes(ops.toByteArray());
    }

    private static void literalsOnly(ByteArrayOutputStream ops, byte[] data, int at, int count) {
        while (count > 0) {
            int n = Math.min(count, 271);
            if (n >= 16) {
                ops.write(0xe0);
                ops.write(n - 16);
            } else {
                ops.write(0xe0 | n);
            }
            ops.write(data, at, n);
            at += n;
            count -= n;
        }
    }
}
