package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds what an interrupted writer left that can be kept: segments whose opening bytes are exactly those this
 * acquisition writes, and in them every complete chunk group (sectors descriptor rewritten with its size, table and
 * an identical table2, chunk offsets consistent with the chunk sizes). Everything after the last complete group is cut
 * and later segments are deleted, so continuing gives the same bytes as a run that was never interrupted.
 */
final class WriterRecovery {
    /** What the writer continues from: the segments kept, their groups, the chunk count and the last file's length. */
    record State(List<Path> segments, List<ChunkGroup> groups, long chunks, long length) {}

    private WriterRecovery() {}

    /**
     * Every file named as a segment of {@code baseName} in {@code directory}, by number: {@code .E01}..{@code .E99}
     * in any case, letter extensions ({@code .EAA}..) only once {@code .E99} exists and only when they start with the
     * EVF signature (else {@code image.txt} or {@code image.raw} would count).
     */
    static List<Path> existingSegments(Path directory, String baseName) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String stem = baseName + ".";
        boolean lettered = Files.exists(SegmentNames.segment(directory, baseName, SegmentNames.NUMBERED));
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                int n = name.startsWith(stem) ? SegmentNames.number(name.substring(stem.length())) : 0;
                if (n > 0 && (n <= SegmentNames.NUMBERED || (lettered && isSegmentFile(p)))) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparingInt(
                p -> SegmentNames.number(p.getFileName().toString().substring(stem.length()))));
        return out;
    }

    /** Whether the file starts with an EWF file header. */
    static boolean isSegmentFile(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return FileHeader.problem(read(ch, 0, FileHeader.BYTES)) == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The state to continue from, or null when nothing can be kept (the caller starts afresh; old files are gone). */
    static State scan(Path directory, String baseName, EwfLayout layout, SegmentPrefix prefix) throws IOException {
        List<Path> kept = new ArrayList<>();
        List<Path> ours = new ArrayList<>();
        List<ChunkGroup> groups = new ArrayList<>();
        long chunks = 0;
        long length = -1;
        for (int n = 1; n <= SegmentNames.MAX_SEGMENTS; n++) {
            Path path = SegmentNames.segment(directory, baseName, n);
            if (!Files.exists(path)) {
                break;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                byte[] want = prefix.bytes(n);
                byte[] have = read(ch, 0, want.length);
                if (!Arrays.equals(have, 0, have.length, want, 0, have.length)) {
                    throw new IOException(path + ": its first " + want.length + " bytes differ from those this"
                            + " acquisition writes (another case, source or layout); not resuming into it");
                }
                ours.add(path);
                if (have.length < want.length) {
                    break;
                }
                long pos = want.length;
                List<ChunkGroup> found = new ArrayList<>();
                for (ChunkGroup g; (g = group(ch, n - 1, pos, chunks, layout)) != null; ) {
                    found.add(g);
                    chunks = g.endChunk();
                    pos = g.table2Offset() + (g.table2Offset() - g.tableOffset());
                }
                if (found.isEmpty() && n > 1) {
                    break;
                }
                kept.add(path);
                groups.addAll(found);
                length = pos;
                if (!isNext(read(ch, pos, SectionDescriptor.BYTES), pos)) {
                    break;
                }
            }
        }
        for (Path p : existingSegments(directory, baseName)) {
            if (kept.contains(p)) {
                continue;
            }
            if (!ours.contains(p) && !isSegmentFile(p)) {
                throw new IOException(p + ": named as a segment of this image but not an EWF file; not deleting it"
                        + " (move it away to resume)");
            }
            Files.delete(p);
        }
        return kept.isEmpty() ? null : new State(kept, groups, chunks, length);
    }

    /** The complete group at {@code pos}, or null when there is none. */
    private static ChunkGroup group(FileChannel ch, int segment, long pos, long firstChunk, EwfLayout layout)
            throws IOException {
        SectionDescriptor sectors = descriptor(ch, pos, SectionDescriptor.SECTORS);
        if (sectors == null || sectors.sizeBytes() <= SectionDescriptor.BYTES || sectors.next() != sectors.end()) {
            return null;
        }
        long tableAt = sectors.end();
        SectionDescriptor table = descriptor(ch, tableAt, SectionDescriptor.TABLE);
        long payloadBytes = table == null ? -1 : table.sizeBytes() - SectionDescriptor.BYTES;
        if (table == null
                || table.next() != table.end()
                || payloadBytes < SegmentBudget.tableSectionBytes(1) - SectionDescriptor.BYTES
                || payloadBytes
                        > SegmentBudget.tableSectionBytes(SegmentBudget.MAX_TABLE_ENTRIES) - SectionDescriptor.BYTES) {
            return null;
        }
        byte[] payload = read(ch, tableAt + SectionDescriptor.BYTES, (int) payloadBytes);
        int n = (int) ((payloadBytes - SegmentBudget.tableSectionBytes(0) + SectionDescriptor.BYTES) / 4);
        if (payload.length != payloadBytes
                || !TableReader.valid(payload)
                || TableSection.entryCount(payload) != n
                || TableSection.baseOffset(payload) != pos
                || firstChunk + n > layout.chunkCount()) {
            return null;
        }
        int[] entries = TableReader.decode(payload, n);
        long sectorsBytes = sectors.sizeBytes();
        for (int i = 0; i < n; i++) {
            long start = TableSection.offsetOf(entries[i]);
            long end = i + 1 < n ? TableSection.offsetOf(entries[i + 1]) : sectorsBytes;
            int media = layout.chunkMediaBytes(firstChunk + i);
            boolean ok = TableSection.isCompressed(entries[i])
                    ? end - start > 0 && end - start <= ChunkEncoder.maxCompressedBytes(media)
                    : end - start == media + 4L;
            if ((i == 0 && start != SectionDescriptor.BYTES) || !ok) {
                return null;
            }
        }
        long table2At = table.end();
        SectionDescriptor table2 = descriptor(ch, table2At, SectionDescriptor.TABLE2);
        if (table2 == null
                || table2.sizeBytes() != table.sizeBytes()
                || table2.next() != table2.end()
                || !Arrays.equals(read(ch, table2At + SectionDescriptor.BYTES, (int) payloadBytes), payload)) {
            return null;
        }
        return new ChunkGroup(segment, tableAt, pos, tableAt, table2At, firstChunk, n);
    }

    /** The descriptor of that type at {@code pos}, or null when there is no valid one (a cut or damaged file). */
    private static SectionDescriptor descriptor(FileChannel ch, long pos, String type) throws IOException {
        byte[] b = read(ch, pos, SectionDescriptor.BYTES);
        if (b.length < SectionDescriptor.BYTES || !SectionDescriptor.checksumMatches(b)) {
            return null;
        }
        try {
            SectionDescriptor d = SectionDescriptor.parse(null, pos, b);
            return d.type().equals(type) && d.end() >= pos ? d : null;
        } catch (EwfFormatException | ArithmeticException e) {
            return null; // offsets beyond 2^63: not what this writer wrote
        }
    }

    private static boolean isNext(byte[] b, long pos) {
        if (b.length < SectionDescriptor.BYTES || !SectionDescriptor.checksumMatches(b)) {
            return false;
        }
        try {
            SectionDescriptor d = SectionDescriptor.parse(null, pos, b);
            return d.type().equals(SectionDescriptor.NEXT) && d.next() == pos;
        } catch (EwfFormatException e) {
            return false;
        }
    }

    /** Up to {@code len} bytes at {@code pos} (fewer at the end of the file). */
    private static byte[] read(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new IOException(file.getFileName() + ": cannot sync to disk: " + e.getMessage(), e);
        }
    }
}
