package dev.exhibit.image.lzfse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The smallest ULFO disk image 7-Zip reads: one blkx region of LZFSE chunks, no checksums, no partition map. Lets
 * 7-Zip's own LZFSE decoder judge streams written by {@link LzfseWriter}.
 */
final class UdifWriter {
    /** One chunk: its LZFSE stream and the bytes it decodes to (a multiple of 512). */
    record Chunk(byte[] stream, int decodedBytes) {}

    private UdifWriter() {}

    static byte[] write(List<Chunk> chunks) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        long sectors = 0;
        ByteBuffer mish = ByteBuffer.allocate(204 + 40 * (chunks.size() + 1));
        mish.position(204);
        long maxChunkSectors = 0;
        for (Chunk c : chunks) {
            long count = c.decodedBytes() / UdifChunks.SECTOR_BYTES;
            mish.putInt(UdifChunks.LZFSE).putInt(0).putLong(sectors).putLong(count);
            mish.putLong(file.size()).putLong(c.stream().length);
            file.writeBytes(c.stream());
            sectors += count;
            maxChunkSectors = Math.max(maxChunkSectors, count);
        }
        mish.putInt(UdifChunks.TERMINATOR)
                .putInt(0)
                .putLong(sectors)
                .putLong(0)
                .putLong(file.size())
                .putLong(0);
        mish.putInt(0, 0x6d697368)
                .putInt(4, 1)
                .putLong(8, 0)
                .putLong(16, sectors)
                .putLong(24, 0);
        mish.putInt(32, (int) maxChunkSectors + 8).putInt(36, 0).putInt(200, chunks.size() + 1);
        long dataForkBytes = file.size();
        String plist = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                \t<key>resource-fork</key>
                \t<dict>
                \t\t<key>blkx</key>
                \t\t<array>
                \t\t\t<dict>
                \t\t\t\t<key>Attributes</key>
                \t\t\t\t<string>0x0050</string>
                \t\t\t\t<key>CFName</key>
                \t\t\t\t<string>disk (Apple_HFS : 0)</string>
                \t\t\t\t<key>Data</key>
                \t\t\t\t<data>%s</data>
                \t\t\t\t<key>ID</key>
                \t\t\t\t<string>0</string>
                \t\t\t\t<key>Name</key>
                \t\t\t\t<string>disk (Apple_HFS : 0)</string>
                \t\t\t</dict>
                \t\t</array>
                \t</dict>
                </dict>
                </plist>
                """.formatted(Base64.getEncoder().encodeToString(mish.array()));
        byte[] xml = plist.getBytes(StandardCharsets.UTF_8);
        long xmlOffset = file.size();
        file.writeBytes(xml);
        ByteBuffer koly = ByteBuffer.allocate(512);
        koly.putInt(0, 0x6b6f6c79).putInt(4, 4).putInt(8, 512).putInt(12, 1);
        koly.putLong(0x18, 0).putLong(0x20, dataForkBytes);
        koly.putInt(0x38, 1).putInt(0x3c, 1);
        koly.putLong(0xd8, xmlOffset).putLong(0xe0, xml.length);
        koly.putInt(0x1e8, 1).putLong(0x1ec, sectors);
        file.writeBytes(koly.array());
        return file.toByteArray();
    }
}
