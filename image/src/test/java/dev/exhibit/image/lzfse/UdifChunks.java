package dev.exhibit.image.lzfse;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Just enough of Apple's UDIF (.dmg) to find its chunks in a test: the koly trailer's plist, each blkx entry's mish
 * table, each 40-byte chunk entry. No checks beyond what the tests need; the product's DMG reader is elsewhere.
 */
final class UdifChunks {
    static final int SECTOR_BYTES = 512;
    static final int ZERO = 0x00000000;
    static final int RAW = 0x00000001;
    static final int IGNORE = 0x00000002;
    static final int LZFSE = 0x80000007;
    static final int COMMENT = 0x7ffffffe;
    static final int TERMINATOR = 0xffffffff;

    /** One chunk: sectors on the virtual disk and where its stored bytes are in the file. */
    record Chunk(int type, long firstSector, long sectorCount, long fileOffset, long storedBytes) {
        int decodedBytes() {
            return Math.toIntExact(sectorCount * SECTOR_BYTES);
        }
    }

    private UdifChunks() {}

    static List<Chunk> read(byte[] dmg) throws Exception {
        ByteBuffer koly = ByteBuffer.wrap(dmg, dmg.length - 512, 512).slice();
        if (koly.getInt(0) != 0x6b6f6c79) {
            throw new AssertionError("no koly trailer");
        }
        long dataFork = koly.getLong(0x18);
        int xmlOffset = Math.toIntExact(koly.getLong(0xd8));
        int xmlLength = Math.toIntExact(koly.getLong(0xe0));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(dmg, xmlOffset, xmlLength))
                .getDocumentElement();
        List<Chunk> chunks = new ArrayList<>();
        NodeList keys = root.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            if (!keys.item(i).getTextContent().equals("blkx")) {
                continue;
            }
            Node array = next(keys.item(i));
            for (Node entry = array.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                if (entry instanceof Element dict) {
                    chunks.addAll(mish(data(dict), dataFork));
                }
            }
        }
        return chunks;
    }

    private static byte[] data(Element dict) {
        NodeList keys = dict.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            if (keys.item(i).getTextContent().equals("Data")) {
                return Base64.getMimeDecoder()
                        .decode(next(keys.item(i)).getTextContent().strip());
            }
        }
        throw new AssertionError("blkx entry without Data");
    }

    private static List<Chunk> mish(byte[] table, long dataFork) {
        ByteBuffer b = ByteBuffer.wrap(table);
        long firstSector = b.getLong(8);
        long dataOffset = b.getLong(24);
        int count = b.getInt(200);
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = 204 + 40 * i;
            chunks.add(new Chunk(
                    b.getInt(at),
                    firstSector + b.getLong(at + 8),
                    b.getLong(at + 16),
                    dataFork + dataOffset + b.getLong(at + 24),
                    b.getLong(at + 32)));
        }
        return chunks;
    }

    private static Node next(Node key) {
        Node n = key.getNextSibling();
        while (!(n instanceof Element)) {
            n = n.getNextSibling();
        }
        return n;
    }
}
