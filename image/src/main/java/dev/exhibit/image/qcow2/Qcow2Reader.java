package dev.exhibit.image.qcow2;

import dev.exhibit.image.BlockReads;
import dev.exhibit.image.DecodedCache;
import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the virtual disk of a QCOW2 image (versions 2 and 3, plain and zlib-compressed clusters), opened read-only.
 * Unallocated clusters read from the backing file when the image names one (opened only if present, loops refused by
 * {@link BackingFiles}), else as zeros. L2 tables and decoded clusters are kept in bounded caches. Every table and
 * cluster offset is checked against the file before it is read; errors name the table entry and its byte offset.
 */
public final class Qcow2Reader implements MediaReader {
    private final Path file;
    private final FileChannel channel;
    private final long fileBytes;
    private final Qcow2Header header;
    private final long[] l1;
    private final String backingName;
    private final MediaReader backing;
    private final DecodedCache l2Cache = new DecodedCache(16L << 20);
    private final DecodedCache clusterCache = new DecodedCache(DecodedCache.DEFAULT_BYTES);

    private Qcow2Reader(
            Path file, FileChannel ch, Qcow2Header header, long[] l1, String backingName, MediaReader backing)
            throws IOException {
        this.file = file;
        this.channel = ch;
        this.fileBytes = ch.size();
        this.header = header;
        this.l1 = l1;
        this.backingName = backingName;
        this.backing = backing;
    }

    /** Opens {@code file}; {@code backingFiles} opens the backing file if the image names one. */
    public static Qcow2Reader open(Path file, BackingFiles backingFiles) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        MediaReader backing = null;
        try {
            long size = ch.size();
            byte[] head = read(ch, file, 0, (int) Math.min(size, 4096), "QCOW2 header");
            Qcow2Header h = Qcow2Header.parse(file, head, size);
            ByteBuffer table = ByteBuffer.wrap(read(ch, file, h.l1Offset(), h.l1Entries() * 8, "L1 table"));
            long[] l1 = new long[h.l1Entries()];
            for (int i = 0; i < l1.length; i++) {
                l1[i] = table.getLong(i * 8);
            }
            String name = "";
            if (h.backingNameOffset() != 0) {
                byte[] raw = read(ch, file, h.backingNameOffset(), h.backingNameBytes(), "backing file name");
                name = new String(raw, StandardCharsets.UTF_8);
                Path resolved = resolve(file, name);
                if (!Files.exists(resolved)) {
                    throw new NoSuchFileException(
                            resolved.toString(),
                            null,
                            file.getFileName()
                                    + " is a QCOW2 overlay whose backing file '" + name + "' (named at byte "
                                    + h.backingNameOffset() + ") is not there; the overlay holds only the changes, so"
                                    + " put the backing file beside it");
                }
                backing = backingFiles.open(file, resolved);
            }
            return new Qcow2Reader(file, ch, h, l1, name, backing);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (backing != null) {
                backing.close();
            }
            throw e;
        }
    }

    /** Whether a file's first bytes are a QCOW2 signature: detection by content. */
    public static boolean startsLikeQcow2(byte[] head) {
        return Qcow2Header.hasMagic(head);
    }

    private static Path resolve(Path file, String name) {
        Path p = Path.of(name);
        Path dir = file.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    @Override
    public long sizeBytes() {
        return header.mediaBytes();
    }

    @Override
    public int sectorBytes() {
        return 512;
    }

    @Override
    public String format() {
        return "qcow2";
    }

    /** Version, cluster size, backing file and the census of clusters, as the summary reports them. */
    public Qcow2Info info() throws IOException {
        return Qcow2Info.of(this, header, backingName);
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        return BlockReads.read(
                byteOffset,
                dst,
                sizeBytes(),
                header.clusterBytes(),
                (cluster, within, part) -> readCluster(cluster << header.clusterBits(), within, part));
    }

    private void readCluster(long clusterStart, long within, ByteBuffer part) throws IOException {
        long pos = clusterStart + within;
        ClusterEntry e = entry(pos >>> header.clusterBits());
        switch (e.kind()) {
            case UNALLOCATED -> {
                if (backing != null && pos < backing.sizeBytes()) {
                    ByteBuffer b = part.duplicate();
                    b.limit((int) Math.min(b.limit(), backing.sizeBytes() - pos));
                    backing.read(pos, b);
                    BlockReads.zeros(b);
                } else {
                    BlockReads.zeros(part);
                }
            }
            case ZERO -> BlockReads.zeros(part);
            case STANDARD -> readFully(e.hostOffset() + within, part, e.describe());
            case COMPRESSED -> part.put(decompressed(e), (int) within, part.remaining());
        }
    }

    /** How many clusters of each {@link ClusterEntry.Kind}; whole unallocated L2 tables are counted without a read. */
    long[] census() throws IOException {
        long[] counts = new long[ClusterEntry.Kind.values().length];
        long clusters = (header.mediaBytes() + header.clusterBytes() - 1) / header.clusterBytes();
        long perTable = 1L << (header.clusterBits() - 3);
        for (long c = 0; c < clusters; ) {
            if ((l1[(int) (c / perTable)] & Qcow2Header.OFFSET_MASK) == 0) {
                long n = Math.min(perTable - c % perTable, clusters - c);
                counts[ClusterEntry.Kind.UNALLOCATED.ordinal()] += n;
                c += n;
            } else {
                counts[entry(c).kind().ordinal()]++;
                c++;
            }
        }
        return counts;
    }

    /** The L2 entry for {@code cluster}, read through the L2 cache; errors name the L1 or L2 entry. */
    ClusterEntry entry(long cluster) throws IOException {
        int l2Bits = header.clusterBits() - 3;
        int l1Index = (int) (cluster >>> l2Bits);
        long l2Index = cluster & ((1L << l2Bits) - 1);
        long l1Entry = l1[l1Index];
        long l2Offset = l1Entry & Qcow2Header.OFFSET_MASK;
        if (l2Offset == 0) {
            return ClusterEntry.unallocated(cluster);
        }
        long l1At = header.l1Offset() + 8L * l1Index;
        if ((l2Offset & (header.clusterBytes() - 1)) != 0
                || l2Offset + header.clusterBytes() > fileBytes
                || l2Offset < header.clusterBytes()) {
            throw MediaFormatException.at(
                    file,
                    "L1 entry " + l1Index,
                    l1At,
                    "L2 table at byte " + l2Offset + " is unaligned, inside the header, or past the end of the file ("
                            + fileBytes + " bytes)");
        }
        byte[] l2 = l2Cache.get(l2Offset);
        if (l2 == null) {
            l2 = read(channel, file, l2Offset, (int) header.clusterBytes(), "L2 table of L1 entry " + l1Index);
            l2Cache.put(l2Offset, l2);
        }
        long raw = ByteBuffer.wrap(l2).getLong((int) (l2Index * 8));
        return ClusterEntry.decode(file, header, cluster, raw, l2Offset + 8 * l2Index, fileBytes);
    }

    private byte[] decompressed(ClusterEntry e) throws IOException {
        byte[] data = clusterCache.get(e.cluster());
        if (data == null) {
            byte[] stored = read(channel, file, e.hostOffset(), (int) e.storedBytes(), e.describe());
            data = ClusterInflater.inflate(file, e, stored, (int) header.clusterBytes());
            clusterCache.put(e.cluster(), data);
        }
        return data;
    }

    private void readFully(long offset, ByteBuffer b, String what) throws IOException {
        long at = offset;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw new EOFException(
                        MediaFormatException.where(file, what, offset) + ": the file ends at byte " + at);
            }
            at += n;
        }
    }

    static byte[] read(FileChannel ch, Path file, long offset, int length, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        long at = offset;
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                throw new EOFException(MediaFormatException.where(file, what, offset) + ": the file ends at byte " + at
                        + ", before the " + length + " bytes it should hold");
            }
            at += n;
        }
        return b.array();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (backing != null) {
                backing.close();
            }
        }
    }
}
