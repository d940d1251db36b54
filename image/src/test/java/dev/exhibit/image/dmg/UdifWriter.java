package dev.exhibit.image.dmg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A small UDIF writer for tests (no Debian tool writes one): a disk cut into regions of chunks of chosen types, with
 * hdiutil's CRC-32s, and knobs to damage what the reader must refuse or report.
 */
final class UdifWriter {
    /** One chunk: its type and the sectors it declares; {@code encodedSectors} more than that makes a bomb. */
    record Spec(ChunkType type, int sectors, int encodedSectors) {
        Spec(ChunkType type, int sectors) {
            this(type, sectors, sectors);
        }
    }

    private final List<String> names = new ArrayList<>();
    private final List<List<Spec>> regions = new ArrayList<>();
    boolean corruptFirstRegionCrc;
    boolean dataForkCrc = true;
    int extraDeclaredEntries;
    long firstChunkOffsetDelta;
    long secondRegionStartDelta;
    byte[] signature;

    UdifWriter region(String name, Spec... chunks) {
        names.add(name);
        regions.add(List.of(chunks));
        return this;
    }

    byte[] write(byte[] disk) {
        ByteArrayOutputStream fork = new ByteArrayOutputStream();
        List<byte[]> tables = new ArrayList<>();
        CRC32 master = new CRC32();
        long sector = 0;
        for (int r = 0; r < regions.size(); r++) {
            long first = sector + (r == 1 ? secondRegionStartDelta : 0);
            ByteArrayOutputStream entries = new ByteArrayOutputStream();
            CRC32 crc = new CRC32();
            long rel = 0;
            int count = 0;
            for (Spec s : regions.get(r)) {
                int from = (int) ((first + rel) * 512);
                byte[] plain = Arrays.copyOfRange(disk, from, Math.min(disk.length, from + s.encodedSectors() * 512));
                if (s.type() != ChunkType.IGNORE) {
                    crc.update(plain, 0, Math.min(plain.length, s.sectors() * 512));
                }
                byte[] stored = encode(s.type(), plain);
                long offset = fork.size() + (count == 0 && r == 0 ? firstChunkOffsetDelta : 0);
                fork.writeBytes(stored);
                entries.writeBytes(entry(s.type().code, rel, s.sectors(), offset, stored.length));
                rel += s.sectors();
                count++;
            }
            entries.writeBytes(entry(ChunkType.TERMINATOR.code, rel, 0, fork.size(), 0));
            count++;
            int crcValue = (int) crc.getValue() ^ (r == 0 && corruptFirstRegionCrc ? 0x1 : 0);
            byte[] crcBytes = ByteBuffer.allocate(4).putInt(crcValue).array();
            master.update(crcBytes);
            ByteBuffer h = ByteBuffer.allocate(MishTable.HEADER_BYTES);
            h.putInt(0, MishTable.MAGIC).putInt(4, 1).putLong(8, first).putLong(16, rel);
            h.putInt(32, 0x208).putInt(36, r).putInt(64, 2).putInt(68, 32).putInt(72, crcValue);
            h.putInt(200, count + (r == 0 ? extraDeclaredEntries : 0));
            tables.add(concat(h.array(), entries.toByteArray()));
            sector = first + rel;
        }
        byte[] forkBytes = fork.toByteArray();
        byte[] xml = plist(tables);
        ByteBuffer k = ByteBuffer.allocate(Koly.BYTES);
        k.putInt(0, Koly.MAGIC).putInt(4, 4).putInt(8, 512).putInt(12, 1);
        k.putLong(24, 0).putLong(32, forkBytes.length);
        if (dataForkCrc) {
            CRC32 f = new CRC32();
            f.update(forkBytes);
            k.putInt(80, 2).putInt(84, 32).putInt(88, (int) f.getValue());
        }
        k.putLong(216, forkBytes.length).putLong(224, xml.length);
        long sigAt = forkBytes.length + xml.length;
        if (signature != null) {
            k.putLong(296, sigAt).putLong(304, signature.length);
        }
        k.putInt(352, 2).putInt(356, 32).putInt(360, (int) master.getValue());
        k.putInt(488, 1).putLong(492, disk.length / 512);
        return concat(forkBytes, xml, signature == null ? new byte[0] : signature, k.array());
    }

    private static byte[] entry(int type, long start, long sectors, long offset, long length) {
        return ByteBuffer.allocate(MishTable.ENTRY_BYTES)
                .putInt(type)
                .putInt(0)
                .putLong(start)
                .putLong(sectors)
                .putLong(offset)
                .putLong(length)
                .array();
    }

    private byte[] plist(List<byte[]> tables) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\"><dict><key>resource-fork</key><dict><key>blkx</key><array>\n");
        for (int i = 0; i < tables.size(); i++) {
            s.append("<dict><key>Attributes</key><string>0x0050</string><key>CFName</key><string>")
                    .append(names.get(i))
                    .append("</string><key>Data</key><data>\n")
                    .append(Base64.getMimeEncoder().encodeToString(tables.get(i)))
                    .append("\n</data><key>ID</key><string>")
                    .append(i - 1)
                    .append("</string><key>Name</key><string>")
                    .append(names.get(i))
                    .append("</string></dict>\n");
        }
        s.append("</array></dict></dict></plist>\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(ChunkType type, byte[] plain) {
        try {
            return switch (type) {
                case ZERO, IGNORE -> new byte[0];
                case RAW -> plain;
                case ADC -> AdcEncoder.encode(plain);
                case ZLIB -> stream(plain, DeflaterOutputStream::new);
                case BZIP2 -> stream(plain, BZip2CompressorOutputStream::new);
                case LZMA -> stream(plain, o -> new XZOutputStream(o, new LZMA2Options()));
                default -> throw new IllegalArgumentException("cannot write " + type);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Wrap {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    private static byte[] stream(byte[] plain, Wrap wrap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream o = wrap.wrap(out)) {
            o.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
