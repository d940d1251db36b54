package dev.exhibit.acquire.image;

import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.image.ewf.EwfHeader;
import dev.exhibit.image.ewf.EwfLayout;
import dev.exhibit.image.ewf.EwfWriter;
import dev.exhibit.image.ewf.SectorRange;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An E01 set as an acquisition writes it. An E01 only grows at its end, so it takes the hashed bytes (final, in media
 * order) and compresses them on every core ({@link ParallelEncoder}); bytes written ahead of that order, after a
 * skipped area, wait in a sparse {@link Spool} until the gap is resolved and the frontier reads them back to hash them,
 * which hands them here in order. The unreadable sectors inside what goes to the E01 are journaled first
 * ({@link BadRunJournal}), so that a resume knows the fills inside the chunks the E01 kept.
 */
public final class EwfOutput implements ImageOutput {
    private final ImageLayout layout;
    private final EwfLayout ewf;
    private final EwfWriter writer;
    private final long keptBytes;
    private final Spool spool;
    private final BadRunJournal journal;
    private final ParallelEncoder encoder;
    private long appendEnd;

    private EwfOutput(ImageLayout layout, EwfLayout ewf, EwfWriter writer) {
        this.layout = layout;
        this.ewf = ewf;
        this.writer = writer;
        this.keptBytes = Math.min(writer.chunksWritten() * ewf.chunkBytes(), ewf.mediaBytes());
        this.appendEnd = keptBytes;
        this.spool = Spool.in(layout.directory());
        this.journal = BadRunJournal.in(layout.directory());
        this.encoder = new ParallelEncoder(
                writer,
                ewf.compression(),
                ewf.chunkBytes(),
                Runtime.getRuntime().availableProcessors());
    }

    /** A new set in the layout's directory. */
    public static EwfOutput create(ImageLayout layout, EwfLayout ewf, EwfHeader header) throws IOException {
        return new EwfOutput(layout, ewf, EwfWriter.create(layout.directory(), ImageLayout.EWF_BASE_NAME, ewf, header));
    }

    /** The set an interrupted acquisition left: every complete chunk group is kept, and appending goes on after it. */
    public static EwfOutput resume(ImageLayout layout, EwfLayout ewf, EwfHeader header) throws IOException {
        // a run killed between sealing the finished set and its end record left the files read-only
        try (var files = Files.list(layout.directory())) {
            for (Path f : files.filter(EwfOutput::isSegment).toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return new EwfOutput(layout, ewf, EwfWriter.resume(layout.directory(), ImageLayout.EWF_BASE_NAME, ewf, header));
    }

    /** {@code image.E01} .. {@code image.E99}, {@code image.EAA} .. {@code image.ZZZ}: the set's own files. */
    private static boolean isSegment(Path f) {
        return f.getFileName().toString().matches(Pattern.quote(ImageLayout.EWF_BASE_NAME) + "\\.[E-Z][0-9A-Z]{2}");
    }

    /** The unreadable sectors an earlier run journaled in {@code directory}, inside the bytes it gave the E01. */
    public static List<BadRun> journaledBadRuns(Path directory) throws IOException {
        return BadRunJournal.read(directory);
    }

    /** The media bytes the set held when it was opened: 0 for a new one; what a resumed one kept. */
    public long keptBytes() {
        return keptBytes;
    }

    @Override
    public ImageLayout layout() {
        return layout;
    }

    @Override
    public void write(long byteOffset, MemorySegment data) throws IOException {
        spool.write(byteOffset, data);
    }

    @Override
    public boolean appendsHashed() {
        return true;
    }

    @Override
    public void append(long byteOffset, MemorySegment data, List<BadRun> badRuns) throws IOException {
        long end = byteOffset + data.byteSize();
        if (end <= appendEnd) {
            return; // kept from an earlier run: hashed again on resume, already in the set
        }
        if (byteOffset > appendEnd) {
            throw new IllegalStateException("E01 bytes at media byte " + byteOffset + " handed in before those from "
                    + appendEnd + ": an E01 only grows at its end");
        }
        List<BadRun> inside = new ArrayList<>();
        for (BadRun r : badRuns) {
            if (r.endByte() > appendEnd) {
                inside.add(r);
            }
        }
        journal.add(inside);
        encoder.add(data.asSlice(appendEnd - byteOffset));
        appendEnd = end;
    }

    @Override
    public long read(long byteOffset, MemorySegment into) throws IOException {
        long done = 0;
        if (byteOffset < keptBytes) {
            // only a resume reads kept bytes, before anything is appended: the writer is not busy
            long n = Math.min(into.byteSize(), keptBytes - byteOffset);
            synchronized (writer) {
                while (done < n) {
                    int got = writer.read(
                            byteOffset + done, into.asSlice(done, n - done).asByteBuffer());
                    if (got <= 0) {
                        return done;
                    }
                    done += got;
                }
            }
        }
        if (done < into.byteSize()) {
            done += spool.read(byteOffset + done, into.asSlice(done));
        }
        return done;
    }

    @Override
    public void sync() throws IOException {
        spool.sync();
    }

    @Override
    public List<Path> complete(String md5, String sha1, List<BadRun> badRuns) throws IOException {
        encoder.flush();
        encoder.awaitAppended();
        long have = Math.min(writer.chunksWritten() * ewf.chunkBytes(), ewf.mediaBytes());
        if (have != ewf.mediaBytes()) {
            throw new IllegalStateException("the E01 holds " + have + " of " + ewf.mediaBytes() + " media bytes at"
                    + " its end: bytes were lost on the way to it");
        }
        synchronized (writer) {
            try {
                writer.finish(ranges(badRuns), bytes(md5), bytes(sha1));
            } catch (IOException e) {
                // the closing sections did not fit (a full disk): as resumable as a failed append
                List<Path> files = writer.segments();
                throw new ImageWriteException(files.getLast().toString(), ewf.mediaBytes(), e);
            }
        }
        journal.delete();
        spool.close();
        return writer.segments();
    }

    /** Maximal runs of unreadable sectors, whatever their errors: what error2 and the bad-sector map both list. */
    static List<SectorRange> ranges(List<BadRun> runs) {
        List<SectorRange> out = new ArrayList<>();
        long first = -1;
        long end = -1;
        for (BadRun r : runs) {
            if (r.firstSector() == end) {
                end = r.endSector();
                continue;
            }
            if (first >= 0) {
                out.add(new SectorRange(first, end - first));
            }
            first = r.firstSector();
            end = r.endSector();
        }
        if (first >= 0) {
            out.add(new SectorRange(first, end - first));
        }
        return out;
    }

    private static byte[] bytes(String hex) {
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }

    @Override
    public void seal() throws IOException {
        for (Path f : writer.segments()) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        }
    }

    /** Without {@link #complete}: appends what was handed in, leaves the set resumable, and drops the spool. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        try {
            encoder.close();
        } finally {
            try {
                synchronized (writer) {
                    writer.close();
                }
            } catch (IOException e) {
                first = e;
            }
            try {
                spool.close();
                journal.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
