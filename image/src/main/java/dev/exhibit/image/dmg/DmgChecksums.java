package dev.exhibit.image.dmg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The result of checking a UDIF's stored CRC-32s against its bytes: each region's (over its decoded bytes, ignore
 * chunks excluded, as hdiutil computes it), the master checksum (over the regions' checksums, in order) and the data
 * fork's (over the stored bytes). A mismatch is a finding the summary reports, not an exception.
 *
 * @param regions one result per region, in {@code blkx} order
 * @param master the master checksum's result
 * @param dataFork the data fork checksum's result
 */
public record DmgChecksums(List<Result> regions, Result master, Result dataFork) {
    /** {@code match}, {@code mismatch}, {@code absent} (not stored) or {@code unchecked} (a type Exhibit lacks). */
    public enum State {
        MATCH,
        MISMATCH,
        ABSENT,
        UNCHECKED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What was checked, its state, the stored and computed values (lowercase hex; empty when not computed). */
    public record Result(String what, State state, String stored, String computed) {}

    /** Whether any stored checksum disagrees with the bytes. */
    public boolean anyMismatch() {
        return master.state() == State.MISMATCH
                || dataFork.state() == State.MISMATCH
                || regions.stream().anyMatch(r -> r.state() == State.MISMATCH);
    }

    /** One word for the summary: {@code verified}, {@code mismatch}, or {@code absent}. */
    public String overall() {
        if (anyMismatch()) {
            return "mismatch";
        }
        boolean any = master.state() == State.MATCH
                || dataFork.state() == State.MATCH
                || regions.stream().anyMatch(r -> r.state() == State.MATCH);
        return any ? "verified" : "absent";
    }

    static DmgChecksums verify(DmgReader reader, FileChannel ch, Koly koly, List<MishTable> tables) throws IOException {
        List<Result> out = new ArrayList<>();
        CRC32 master = new CRC32();
        for (int i = 0; i < tables.size(); i++) {
            MishTable t = tables.get(i);
            master.update(t.checksum().value());
            String what = "region " + i + " ('" + t.name() + "')";
            out.add(compare(what, t.checksum(), () -> regionCrc(reader, t)));
        }
        Result masterResult = compare("master checksum", koly.masterChecksum(), master::getValue);
        Result fork = compare("data fork", koly.dataForkChecksum(), () -> forkCrc(ch, koly));
        return new DmgChecksums(List.copyOf(out), masterResult, fork);
    }

    private interface Crc {
        long compute() throws IOException;
    }

    private static Result compare(String what, Checksum stored, Crc crc) throws IOException {
        if (stored.absent()) {
            return new Result(what, State.ABSENT, "", "");
        }
        if (!stored.isCrc32()) {
            return new Result(what, State.UNCHECKED, DmgInfo.describe(stored), "");
        }
        String computed = String.format(Locale.ROOT, "%08x", crc.compute());
        String expected = String.format(Locale.ROOT, "%08x", stored.crc32());
        return new Result(what, expected.equals(computed) ? State.MATCH : State.MISMATCH, expected, computed);
    }

    private static long regionCrc(DmgReader reader, MishTable t) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        for (Chunk c : t.chunks()) {
            if (c.type() == ChunkType.IGNORE || c.sectorCount() == 0) {
                continue;
            }
            for (long pos = c.startByte(); pos < c.endByte(); ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), c.endByte() - pos));
                int n = reader.read(pos, buffer);
                crc.update(buffer.flip());
                pos += n;
            }
        }
        return crc.getValue();
    }

    private static long forkCrc(FileChannel ch, Koly koly) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long end = koly.dataForkOffset() + koly.dataForkBytes();
        for (long pos = koly.dataForkOffset(); pos < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - pos));
            int n = ch.read(buffer, pos);
            if (n < 0) {
                break;
            }
            crc.update(buffer.flip());
            pos += n;
        }
        return crc.getValue();
    }
}
