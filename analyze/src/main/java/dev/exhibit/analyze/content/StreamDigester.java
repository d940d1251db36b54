package dev.exhibit.analyze.content;

import dev.exhibit.analyze.fs.StreamReader;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads streams for one thread and computes what {@link ContentOptions} asks: each chunk is copied once from
 * libtsk's buffer into a heap array that every digest then reads, and the first bytes are kept for the media type.
 * Not thread-safe: one per reading thread.
 */
public final class StreamDigester implements StreamReader.Sink {
    /** Heap copies are made in pieces of this size: libtsk hands over one block (or one resident attribute). */
    private static final int COPY_BYTES = 1 << 16;

    private final List<HashAlgorithm> algorithms;
    private final MessageDigest[] digests;
    private final MediaTypes types;
    private final byte[] copy = new byte[COPY_BYTES];
    private final byte[] head;
    private int headLength;
    private long bytes;
    private final List<StreamContent.Unreadable> unreadable = new ArrayList<>();
    private boolean mayBeReused;
    private long reusedBytes;
    private final int blockBytes;
    private final List<ByteRun> runs;

    /**
     * @param types the media-type database, or {@code null} when types are not asked
     * @param blockBytes the file system's block size, to locate byte runs
     * @param byteRuns whether to note where each stream lies
     */
    public StreamDigester(List<HashAlgorithm> algorithms, MediaTypes types, int blockBytes, boolean byteRuns) {
        this.blockBytes = blockBytes;
        this.runs = byteRuns ? new ArrayList<>() : null;
        this.algorithms = List.copyOf(algorithms);
        this.digests = new MessageDigest[algorithms.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = algorithms.get(i).newDigest();
        }
        this.types = types;
        this.head = new byte[types == null ? 0 : types.headBytes()];
    }

    /** Reads {@code stream} through {@code reader} (of this thread) and returns what was found. */
    public StreamContent read(StreamReader reader, StreamRef stream) throws IOException {
        for (MessageDigest d : digests) {
            d.reset();
        }
        headLength = 0;
        bytes = 0;
        unreadable.clear();
        mayBeReused = stream.mayBeReused();
        reusedBytes = 0;
        if (runs != null) {
            runs.clear();
        }
        reader.read(stream.inode(), stream.type(), stream.id(), stream.sizeBytes(), stream.mayBeReused(), this);
        List<byte[]> out = new ArrayList<>(digests.length);
        for (MessageDigest d : digests) {
            out.add(d.digest());
        }
        MediaTypes.Detection type = types == null ? null : types.detect(head, headLength, stream.name());
        return new StreamContent(
                bytes,
                algorithms,
                out,
                unreadable,
                mayBeReused,
                reusedBytes,
                type,
                runs == null ? List.of() : runs,
                null);
    }

    @Override
    public boolean content(MemorySegment chunk, long byteOffset, long block, int blockFlags) {
        long n = chunk.byteSize();
        if (runs != null) {
            locate(byteOffset, block, n, blockFlags);
        }
        if (mayBeReused
                && (blockFlags & StreamReader.BLOCK_ALLOC) != 0
                && (blockFlags & (StreamReader.BLOCK_SPARSE | StreamReader.BLOCK_RESIDENT)) == 0) {
            reusedBytes += n;
        }
        for (long done = 0; done < n; ) {
            int piece = (int) Math.min(COPY_BYTES, n - done);
            MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, done, copy, 0, piece);
            take(piece);
            done += piece;
        }
        return digests.length > 0 || runs != null || headLength < head.length;
    }

    /** Notes where the chunk lies, extending the last run when the chunk continues it. */
    private void locate(long byteOffset, long block, long n, int flags) {
        ByteRun.Kind kind;
        if ((flags & StreamReader.BLOCK_RESIDENT) != 0) {
            kind = ByteRun.Kind.RESIDENT;
        } else if ((flags & StreamReader.BLOCK_SPARSE) != 0) {
            kind = ByteRun.Kind.SPARSE;
        } else if ((flags & StreamReader.BLOCK_COMPRESSED) != 0) {
            kind = ByteRun.Kind.COMPRESSED;
        } else if ((flags & StreamReader.BLOCK_RAW) != 0) {
            kind = ByteRun.Kind.BLOCKS;
        } else {
            // read after an unreadable run, by offset in the stream: libtsk does not say from where
            return;
        }
        ByteRun run = new ByteRun(byteOffset, kind == ByteRun.Kind.BLOCKS ? block * blockBytes : -1, n, kind);
        if (!runs.isEmpty() && runs.getLast().continuedBy(run)) {
            runs.set(runs.size() - 1, runs.getLast().extendedBy(n));
        } else {
            runs.add(run);
        }
    }

    @Override
    public void unreadable(long byteOffset, long lengthBytes, String reason) {
        unreadable.add(new StreamContent.Unreadable(byteOffset, lengthBytes, reason));
        // hashed as zeros, so that the digest still covers the stream's length and says where its bytes lie
        Arrays.fill(copy, (byte) 0);
        for (long done = 0; done < lengthBytes; ) {
            int piece = (int) Math.min(COPY_BYTES, lengthBytes - done);
            take(piece);
            done += piece;
        }
    }

    private void take(int n) {
        bytes += n;
        for (MessageDigest d : digests) {
            d.update(copy, 0, n);
        }
        if (headLength < head.length) {
            int k = Math.min(n, head.length - headLength);
            System.arraycopy(copy, 0, head, headLength, k);
            headLength += k;
        }
    }
}
