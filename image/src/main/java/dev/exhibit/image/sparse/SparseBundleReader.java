package dev.exhibit.image.sparse;

import dev.exhibit.image.BlockReads;
import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.PlistXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the disk of an Apple {@code .sparsebundle} directory, opened read-only: {@code Info.plist} gives the band size
 * and the disk's size; band N is the file {@code bands/N} (N in lowercase hexadecimal). A band file that is missing or
 * short reads as zeros where it has no bytes, as macOS reads it. A bundle whose {@code token} holds an encryption
 * header is refused. A few band files are kept open.
 */
public final class SparseBundleReader implements MediaReader {
    private static final int OPEN_BANDS = 32;

    private final Path bundle;
    private final long mediaBytes;
    private final long bandBytes;
    private final Map<Integer, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    private SparseBundleReader(Path bundle, long mediaBytes, long bandBytes) {
        this.bundle = bundle;
        this.mediaBytes = mediaBytes;
        this.bandBytes = bandBytes;
    }

    public static SparseBundleReader open(Path bundle) throws IOException {
        Path plist = bundle.resolve("Info.plist");
        if (!Files.isRegularFile(plist)) {
            throw new NoSuchFileException(plist.toString(), null, "a sparse bundle without its Info.plist");
        }
        Path token = bundle.resolve("token");
        if (Files.isRegularFile(token) && Files.size(token) >= 8) {
            byte[] head = new byte[8];
            try (var in = Files.newInputStream(token)) {
                in.readNBytes(head, 0, 8);
            }
            if (new String(head, StandardCharsets.US_ASCII).equals("encrcdsa")) {
                throw MediaFormatException.at(
                        bundle,
                        "token (an encrcdsa header)",
                        0,
                        "an encrypted sparse bundle; Exhibit cannot decrypt it: decrypt it on a Mac (hdiutil convert)"
                                + " or with the password in another tool, then analyse the result");
            }
        }
        Map<String, String> keys = keys(bundle, plist);
        long band = number(bundle, keys, "band-size");
        long size = number(bundle, keys, "size");
        if (band < 512 || band > (1L << 30) || band % 512 != 0) {
            throw MediaFormatException.at(bundle, "Info.plist key band-size", 0, "band size of " + band + " bytes");
        }
        if (size < 0 || size / band > (1L << 31)) {
            throw MediaFormatException.at(bundle, "Info.plist key size", 0, "disk size of " + size + " bytes");
        }
        return new SparseBundleReader(bundle, size, band);
    }

    /** The plist's top-level keys with their integer or string values. */
    private static Map<String, String> keys(Path bundle, Path plist) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            var builder = PlistXml.secureBuilder();
            Element root = builder.parse(new ByteArrayInputStream(Files.readAllBytes(plist)))
                    .getDocumentElement();
            Node dict = root.getElementsByTagName("dict").item(0);
            String key = null;
            for (Node n = dict == null ? null : dict.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    if (e.getNodeName().equals("key")) {
                        key = e.getTextContent().strip();
                    } else if (key != null) {
                        out.put(key, e.getTextContent().strip());
                        key = null;
                    }
                }
            }
        } catch (org.xml.sax.SAXException e) {
            throw MediaFormatException.at(
                    bundle, "Info.plist", 0, "not a readable property list (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static long number(Path bundle, Map<String, String> keys, String key) throws MediaFormatException {
        try {
            return Long.parseLong(keys.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw MediaFormatException.at(
                    bundle,
                    "Info.plist key " + key,
                    0,
                    "no integer value ('" + keys.getOrDefault(key, "missing") + "')");
        }
    }

    @Override
    public long sizeBytes() {
        return mediaBytes;
    }

    @Override
    public int sectorBytes() {
        return 512;
    }

    @Override
    public String format() {
        return "sparsebundle";
    }

    public long bandBytes() {
        return bandBytes;
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        return BlockReads.read(byteOffset, dst, mediaBytes, bandBytes, (band, within, part) -> {
            synchronized (this) { // a band file closed to make room must not be closed under another thread's read
                FileChannel ch = channel((int) band);
                if (ch != null) {
                    BlockReads.readUpTo(ch, within, part);
                }
            }
            BlockReads.zeros(part);
        });
    }

    /** The open band file, or null when the band was never written. */
    private synchronized FileChannel channel(int band) throws IOException {
        FileChannel ch = open.get(band);
        if (ch == null) {
            Path p = bundle.resolve("bands").resolve(Integer.toHexString(band).toLowerCase(Locale.ROOT));
            if (!Files.isRegularFile(p)) {
                return null;
            }
            ch = FileChannel.open(p, StandardOpenOption.READ);
            open.put(band, ch);
            if (open.size() > OPEN_BANDS) {
                var eldest = open.entrySet().iterator();
                FileChannel old = eldest.next().getValue();
                eldest.remove();
                old.close();
            }
        }
        return ch;
    }

    @Override
    public synchronized void close() throws IOException {
        for (FileChannel ch : open.values()) {
            ch.close();
        }
        open.clear();
    }
}
