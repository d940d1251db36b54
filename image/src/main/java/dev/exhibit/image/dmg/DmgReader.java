package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the media inside an Apple UDIF disk image ({@code .dmg}: UDRW, UDRO, UDCO, UDZO, UDBZ, ULMO; ULFO once the
 * LZFSE decoder is {@link dev.exhibit.image.lzfse.Lzfse}), opened read-only. Open parses the {@code koly} trailer, the XML
 * plist and every {@code mish} table and refuses overlapping or out-of-file tables; reads decode chunks on demand and
 * keep them in a bounded cache, decoding the next ones on other cores when reads go in sequence ({@link ReadAhead}).
 * Thread-safe: reads are positional and decoding holds no shared state.
 */
public final class DmgReader implements MediaReader {
    private final Path file;
    private final FileChannel channel;
    private final Koly koly;
    private final List<MishTable> regions;
    private final DmgLayout layout;
    private final ReadAhead chunks = new ReadAhead(this::decode);

    private DmgReader(Path file, FileChannel channel, Koly koly, List<MishTable> regions, DmgLayout layout) {
        this.file = file;
        this.channel = channel;
        this.koly = koly;
        this.regions = regions;
        this.layout = layout;
    }

    /** Opens {@code file}; MediaFormatException naming the structure and byte offset when it is not a readable UDIF. */
    public static DmgReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            EncryptedDmg.refuseIfEncrypted(file, ch);
            if (size < Koly.BYTES) {
                throw MediaFormatException.at(
                        file, "UDIF trailer (koly)", 0, "file of " + size + " bytes is too short");
            }
            long trailerAt = size - Koly.BYTES;
            Koly koly = Koly.parse(file, readFully(ch, trailerAt, Koly.BYTES, file, "UDIF trailer (koly)"), trailerAt);
            byte[] xml = readFully(ch, koly.xmlOffset(), (int) koly.xmlBytes(), file, "XML property list");
            List<BlkxResources.Entry> entries = BlkxResources.parse(file, xml, koly.xmlOffset());
            List<MishTable> regions = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                regions.add(MishTable.parse(file, koly, i, entries.get(i)));
            }
            DmgLayout layout = DmgLayout.of(file, regions, koly.sectorCount());
            return new DmgReader(file, ch, koly, List.copyOf(regions), layout);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether the last bytes of a file (at least 512) end in a UDIF trailer: detection by content. */
    public static boolean endsLikeUdif(byte[] lastBytes) {
        if (lastBytes.length < Koly.BYTES) {
            return false;
        }
        byte[] trailer = java.util.Arrays.copyOfRange(lastBytes, lastBytes.length - Koly.BYTES, lastBytes.length);
        return Koly.hasMagic(trailer) && ByteBuffer.wrap(trailer).getInt(8) == Koly.BYTES;
    }

    @Override
    public long sizeBytes() {
        return koly.sectorCount() * 512;
    }

    @Override
    public int sectorBytes() {
        return 512;
    }

    @Override
    public String format() {
        return "dmg";
    }

    /** The trailer, regions, codec mix and code signature, as the summary reports them. */
    public DmgInfo info() throws IOException {
        return DmgInfo.of(file, channel, koly, regions, layout);
    }

    /** Decodes every region and checks the stored CRC-32s; mismatches are findings in the result, not exceptions. */
    public DmgChecksums verifyChecksums() throws IOException {
        return DmgChecksums.verify(this, channel, koly, regions);
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        if (byteOffset < 0) {
            throw new IllegalArgumentException("negative media offset " + byteOffset);
        }
        long size = sizeBytes();
        if (byteOffset >= size) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int total = 0;
        long pos = byteOffset;
        while (dst.hasRemaining() && pos < size) {
            Chunk c = layout.at(pos);
            int n;
            if (c == null) {
                n = (int) Math.min(dst.remaining(), Math.min(layout.nextStart(pos), size) - pos);
                fillZeros(dst, n);
            } else {
                n = (int) Math.min(dst.remaining(), c.endByte() - pos);
                copyFrom(c, pos, dst, n);
            }
            pos += n;
            total += n;
        }
        return total;
    }

    private void copyFrom(Chunk c, long pos, ByteBuffer dst, int n) throws IOException {
        long within = pos - c.startByte();
        switch (c.type()) {
            case ZERO, IGNORE -> fillZeros(dst, n);
            case RAW -> {
                ByteBuffer slice = dst.slice(dst.position(), n);
                readFully(channel, c.fileOffset() + within, slice, file, c.describe());
                dst.position(dst.position() + n);
            }
            default -> dst.put(decoded(c), (int) within, n);
        }
    }

    /** The decoded bytes of a compressed chunk, from the cache, decoded ahead, or decoded now. */
    byte[] decoded(Chunk c) throws IOException {
        return chunks.get(c, layout.after(c, 2 * Runtime.getRuntime().availableProcessors()));
    }

    private byte[] decode(Chunk c) throws IOException {
        byte[] stored = readFully(channel, c.fileOffset(), (int) c.storedBytes(), file, c.describe());
        return ChunkDecoder.decode(file, c, stored);
    }

    private static void fillZeros(ByteBuffer dst, int n) {
        for (int i = 0; i < n; i++) {
            dst.put((byte) 0);
        }
    }

    static byte[] readFully(FileChannel ch, long offset, int length, Path file, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(ch, offset, b, file, what);
        return b.array();
    }

    private static void readFully(FileChannel ch, long offset, ByteBuffer b, Path file, String what)
            throws IOException {
        long at = offset;
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                throw new EOFException(MediaFormatException.where(file, what, offset) + ": the file ends at byte " + at
                        + ", before the " + b.capacity() + " bytes it should hold");
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            chunks.close();
        } finally {
            channel.close();
        }
    }
}
