package dev.exhibit.image.ewf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage for the fuzz test: random bytes anywhere, truncations, and (to get past the checksums at the door)
 * descriptor and payload fields set to edge values with their checksums made valid again.
 */
final class Mutator {
    private static final long[] EDGES = {
        0, 1, 75, 76, 77, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE, -1L, 1L << 62
    };

    private Mutator() {}

    /** Mutates one of {@code files}; returns what was done, for failure messages. */
    static String mutate(List<Path> files, Random rnd) throws IOException {
        Path file = files.get(rnd.nextInt(files.size()));
        long size = Files.size(file);
        int kind = rnd.nextInt(10);
        if (kind < 3) {
            StringBuilder s = new StringBuilder(file.getFileName() + ": bytes");
            for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                long at = rnd.nextLong(size);
                Damage.write(file, at, new byte[] {(byte) rnd.nextInt(256)});
                s.append(' ').append(at);
            }
            return s.toString();
        }
        if (kind == 3) {
            long at = rnd.nextLong(size);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(at);
            }
            return file.getFileName() + ": cut at " + at;
        }
        List<SectionDescriptor> sections = SectionsOf.descriptors(file);
        SectionDescriptor d = sections.get(rnd.nextInt(sections.size()));
        if (kind < 7) {
            long next = rnd.nextBoolean() ? edge(rnd) : d.next();
            long sz = rnd.nextBoolean() ? edge(rnd) : d.sizeBytes();
            String type = rnd.nextInt(4) == 0 ? anotherType(rnd) : d.type();
            byte[] b = SectionDescriptor.encode(type, 0, 0);
            putRaw(b, 16, next);
            putRaw(b, 24, sz);
            Bytes.sealAdler(b, 0, 72);
            Damage.write(file, d.fileOffset(), b);
            return file.getFileName() + ": descriptor at " + d.fileOffset() + " -> " + type + " next " + next + " size "
                    + sz;
        }
        return payloadField(file, d, rnd);
    }

    /** Sets a 32- or 64-bit field of a payload to an edge value and reseals the payload's checksums. */
    private static String payloadField(Path file, SectionDescriptor d, Random rnd) throws IOException {
        long payloadAt = d.fileOffset() + SectionDescriptor.BYTES;
        long len = Math.min(d.sizeBytes() - SectionDescriptor.BYTES, Files.size(file) - payloadAt);
        if (len < 8 || len > 1 << 20) {
            return file.getFileName() + ": nothing (section " + d.type() + " too small or large)";
        }
        byte[] p = Damage.read(file, payloadAt, (int) len);
        int field = rnd.nextInt((int) Math.min(len - 8, 128) + 1) & ~3;
        long value = edge(rnd);
        putRaw(p, field, value);
        switch (d.type()) {
            case SectionDescriptor.TABLE, SectionDescriptor.TABLE2 -> {
                Bytes.sealAdler(p, 0, TableSection.HEADER_BYTES - 4);
                if (p.length >= TableSection.HEADER_BYTES + 4) {
                    Bytes.sealAdler(p, TableSection.HEADER_BYTES, p.length - TableSection.HEADER_BYTES - 4);
                }
            }
            case SectionDescriptor.VOLUME, SectionDescriptor.DATA, SectionDescriptor.DISK ->
                Bytes.sealAdler(p, 0, p.length - 4);
            case SectionDescriptor.ERROR2 -> Bytes.sealAdler(p, 0, Error2Section.HEADER_BYTES - 4);
            default -> {}
        }
        Damage.write(file, payloadAt, p);
        return file.getFileName() + ": " + d.type() + " payload byte " + field + " = " + value;
    }

    private static long edge(Random rnd) {
        return rnd.nextInt(3) == 0 ? rnd.nextLong() : EDGES[rnd.nextInt(EDGES.length)];
    }

    private static String anotherType(Random rnd) {
        String[] types = {
            "header2", "header", "volume", "disk", "data", "sectors", "table", "table2", "error2", "digest", "hash",
            "next", "done", "xhash", "bogus"
        };
        return types[rnd.nextInt(types.length)];
    }

    private static void putRaw(byte[] b, int off, long v) {
        Bytes.putI32(b, off, (int) v);
        if (off + 8 <= b.length) {
            Bytes.putI32(b, off + 4, (int) (v >>> 32));
        }
    }
}
