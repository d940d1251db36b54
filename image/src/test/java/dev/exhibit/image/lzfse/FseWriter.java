package dev.exhibit.image.lzfse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one bvx1 or bvx2 block for {@link LzfseWriter}: L/M/D values split to the format's ranges, symbol counts
 * normalized to each table's states, the four literal chains and the three L/M/D chains encoded last symbol first so
 * that a decoder reading backwards meets them in order.
 */
final class FseWriter {
    static final int MAX_DISTANCE = FseTables.D_BASE[63] + (1 << 15) - 1;
    private static final int MAX_L = FseTables.L_BASE[19] + (1 << 8) - 1;
    private static final int MAX_M = FseTables.M_BASE[19] + (1 << 11) - 1;

    private FseWriter() {}

    static void block(
            ByteArrayOutputStream out, byte[] data, int start, int end, List<LzfseWriter.Sequence> seqs, boolean v2) {
        // Literals, padded to a multiple of four with copies of the last one (decoders decode them in fours).
        ByteArrayOutputStream lits = new ByteArrayOutputStream();
        List<int[]> lmd = new ArrayList<>();
        int previous = -1;
        for (LzfseWriter.Sequence s : seqs) {
            lits.write(data, s.literalStart(), s.literals());
            int l = s.literals();
            while (l > MAX_L) {
                lmd.add(new int[] {MAX_L, 0, 0});
                l -= MAX_L;
            }
            int m = s.match();
            int first = Math.min(m, MAX_M);
            int d = m == 0 ? 0 : s.distance() == previous ? 0 : s.distance();
            if (m > 0) {
                previous = s.distance();
            }
            lmd.add(new int[] {l, first, d});
            for (int rest = m - first; rest > 0; rest -= Math.min(rest, MAX_M)) {
                lmd.add(new int[] {0, Math.min(rest, MAX_M), 0});
            }
        }
        byte[] literals = lits.toByteArray();
        // 7-Zip refuses a frequency table that does not fill its states, so a block without literals gets four.
        int padded = Math.max(4, (literals.length + 3) & -4);
        byte fill = literals.length > 0 ? literals[literals.length - 1] : 0;
        literals = Arrays.copyOf(literals, padded);
        Arrays.fill(literals, lits.size(), padded, fill);

        int[] litSymbols = new int[padded];
        for (int i = 0; i < padded; i++) {
            litSymbols[i] = literals[i] & 0xff;
        }
        FseChain literal = new FseChain(FseTables.LITERAL_STATES, 256, litSymbols);
        int n = lmd.size();
        int[][] split = new int[3][n];
        int[][] extra = new int[3][n];
        int[][] extraBits = {FseTables.L_EXTRA_BITS, FseTables.M_EXTRA_BITS, FseTables.D_EXTRA_BITS};
        int[][] bases = {FseTables.L_BASE, FseTables.M_BASE, FseTables.D_BASE};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                int v = lmd.get(i)[c];
                int sym = bases[c].length - 1;
                while (bases[c][sym] > v) {
                    sym--;
                }
                split[c][i] = sym;
                extra[c][i] = v - bases[c][sym];
            }
        }
        FseChain lChain = new FseChain(FseTables.L_STATES, 20, split[0]);
        FseChain mChain = new FseChain(FseTables.M_STATES, 20, split[1]);
        FseChain dChain = new FseChain(FseTables.D_STATES, 64, split[2]);

        // Literal stream: decode order is lanes 0..3 per group of four; written in reverse.
        int[][] literalStates = new int[4][];
        for (int lane = 0; lane < 4; lane++) {
            literalStates[lane] = literal.encodeLane(lane, 4);
        }
        BitWriter litBits = new BitWriter();
        for (int i = padded - 1; i >= 0; i--) {
            litBits.write(literal.bits[i], literal.bitCount[i]);
        }
        BitWriter lmdBits = new BitWriter();
        int[] ls = lChain.encodeLane(0, 1);
        int[] ms = mChain.encodeLane(0, 1);
        int[] ds = dChain.encodeLane(0, 1);
        for (int i = n - 1; i >= 0; i--) {
            lmdBits.write(
                    (long) dChain.bits[i] << extraBits[2][split[2][i]] | extra[2][i],
                    dChain.bitCount[i] + extraBits[2][split[2][i]]);
            lmdBits.write(
                    (long) mChain.bits[i] << extraBits[1][split[1][i]] | extra[1][i],
                    mChain.bitCount[i] + extraBits[1][split[1][i]]);
            lmdBits.write(
                    (long) lChain.bits[i] << extraBits[0][split[0][i]] | extra[0][i],
                    lChain.bitCount[i] + extraBits[0][split[0][i]]);
        }
        byte[] litPayload = litBits.finish(0);
        byte[] lmdPayload = lmdBits.finish(8); // hdiutil starts the L/M/D stream with 8 zero bytes; so do we
        int[] freqs = new int[360];
        System.arraycopy(lChain.freq, 0, freqs, 0, 20);
        System.arraycopy(mChain.freq, 0, freqs, 20, 20);
        System.arraycopy(dChain.freq, 0, freqs, 40, 64);
        System.arraycopy(literal.freq, 0, freqs, 104, 256);
        int[] lit4 = {literalStates[0][0], literalStates[1][0], literalStates[2][0], literalStates[3][0]};
        BlockHeader header = new BlockHeader(
                end - start,
                padded,
                n,
                litPayload.length,
                lmdPayload.length,
                litBits.finalBits(),
                lmdBits.finalBits(),
                lit4,
                ls[0],
                ms[0],
                ds[0],
                freqs);
        out.writeBytes(v2 ? header.v2() : header.v1());
        out.writeBytes(litPayload);
        out.writeBytes(lmdPayload);
    }
}
