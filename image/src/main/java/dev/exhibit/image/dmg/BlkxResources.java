package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
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
            doc = builder().parse(new ByteArrayInputStream(xml));
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

    private static DocumentBuilder builder() throws SAXException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            b.setEntityResolver(
                    (publicId, systemId) -> new org.xml.sax.InputSource(new ByteArrayInputStream(new byte[0])));
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
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
