package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.PlistXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The {@code resource-fork/blkx} array of a UDIF's XML property list: one {@code mish} block table per region of the
 * disk, with the region's name. The plist's DOCTYPE names apple.com: the parser never fetches it, nor any other
 * entity, since the plist is evidence.
 */
final class BlkxResources {
    /** One {@code blkx} entry: its name ({@code Name}, else {@code CFName}) and its {@code Data} bytes. */
    record Entry(String name, byte[] mish) {}

    private BlkxResources() {}

    static List<Entry> parse(Path file, byte[] xml, long xmlOffset) throws MediaFormatException {
        Document doc;
        try {
            doc = PlistXml.secureBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw MediaFormatException.at(
                    file, "XML property list", xmlOffset, "not a readable property list (" + e.getMessage() + ")", e);
        }
        Element top = firstElement(doc.getDocumentElement(), "dict");
        Node blkx = valueOf(valueOf(top, "resource-fork"), "blkx");
        if (blkx == null || !"array".equals(blkx.getNodeName())) {
            throw MediaFormatException.at(file, "XML property list", xmlOffset, "no resource-fork/blkx array");
        }
        List<Entry> out = new ArrayList<>();
        for (Node n = blkx.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element dict) || !"dict".equals(dict.getNodeName())) {
                continue;
            }
            String name = text(valueOf(dict, "Name"));
            if (name.isEmpty()) {
                name = text(valueOf(dict, "CFName"));
            }
            Node data = valueOf(dict, "Data");
            if (data == null) {
                throw MediaFormatException.at(
                        file,
                        "XML property list",
                        xmlOffset,
                        "blkx entry " + out.size() + " ('" + name + "') has no Data");
            }
            try {
                out.add(new Entry(name, Base64.getMimeDecoder().decode(text(data))));
            } catch (IllegalArgumentException e) {
                throw MediaFormatException.at(
                        file,
                        "XML property list",
                        xmlOffset,
                        "blkx entry " + out.size() + " ('" + name + "') has invalid base64 Data",
                        e);
            }
        }
        return out;
    }

    private static Element firstElement(Node parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getNodeName())) {
                return e;
            }
        }
        return null;
    }

    /** The element after {@code <key>KEY</key>} in a plist dict, or null. */
    private static Node valueOf(Node dict, String key) {
        if (dict == null) {
            return null;
        }
        for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && "key".equals(e.getNodeName())
                    && key.equals(e.getTextContent().strip())) {
                Node v = e.getNextSibling();
                while (v != null && !(v instanceof Element)) {
                    v = v.getNextSibling();
                }
                return v;
            }
        }
        return null;
    }

    private static String text(Node n) {
        return n == null ? "" : n.getTextContent().strip();
    }
}
