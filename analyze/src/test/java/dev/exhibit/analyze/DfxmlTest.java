package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.output.XmlText;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code analyze dfxml} against real fiwalk 4.11.1 ({@code fiwalk -X}) on the test images: the same file objects in
 * the same order, with the same names, inodes, sizes, MD5 and SHA-1 digests and byte runs (file, file-system and
 * image offsets, lengths, resident and sparse runs); well-formed for the hostile names, whose exact bytes the
 * escaped names give back. Where libtsk cannot read a file (exFAT's virtual {@code $FAT1}), fiwalk writes no digest
 * and says nothing; Exhibit says so in its own element.
 */
class DfxmlTest {
    private static final String DFXML = "http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML";
    private static final String EXHIBIT = "urn:x-exhibit:dfxml:1";

    @TempDir
    Path tmp;

    /** What is compared of a file object. */
    record FileObject(
            String volume, String filename, String inode, String size, String md5, String sha1, List<String> runs) {}

    @ParameterizedTest
    @ValueSource(strings = {"ntfs", "ext4", "fat16", "exfat", "hostile", "mbr", "types"})
    void dfxml_describesTheFilesAsFiwalkDoes(String name) throws Exception {
        Path image = TestImages.get(name);
        Run.Output ours = Run.files(new FileListing.Request(
                image,
                Selection.ALL,
                FileListing.Format.DFXML,
                true,
                false,
                null,
                0,
                new ContentOptions(List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1), false, 2)));
        assertThat(ours.problems()).isEmpty();
        Path theirs = tmp.resolve("fiwalk.xml");
        Proc.run(null, List.of("fiwalk", "-Z", "-X", theirs.toString(), image.toString()))
                .ok();
        Document a = parse(ours.bytes());
        Document b = parse(Files.readAllBytes(theirs));
        List<FileObject> exhibit = fileObjects(a);
        List<FileObject> fiwalk = fileObjects(b);
        assertThat(exhibit).hasSameSizeAs(fiwalk).isNotEmpty();
        NodeList objects = a.getElementsByTagNameNS(DFXML, "fileobject");
        for (int i = 0; i < exhibit.size(); i++) {
            FileObject x = exhibit.get(i);
            FileObject y = fiwalk.get(i);
            boolean unreadable = ((Element) objects.item(i))
                            .getElementsByTagNameNS(EXHIBIT, "unreadable")
                            .getLength()
                    > 0;
            if (unreadable) {
                // fiwalk leaves out what libtsk cannot read; Exhibit hashes it as zeros and says where
                assertThat(y.md5()).as(y.filename()).isNull();
                assertThat(new FileObject(x.volume(), x.filename(), x.inode(), x.size(), null, null, y.runs()))
                        .isEqualTo(y);
            } else {
                assertThat(x).isEqualTo(y);
            }
        }
        // every name's exact bytes come back from the escaped text: those JSON Lines gives for the same walk
        List<String> listed = new ArrayList<>();
        for (String line : Run.files(new FileListing.Request(image, Selection.ALL, FileListing.Format.JSON_LINES))
                .text()
                .lines()
                .toList()) {
            JsonNode r = Jcs.mapper().readTree(line);
            listed.add(HexFormat.of()
                    .formatHex(Base64.getDecoder().decode(r.path("pathBytes").asText())));
        }
        List<String> decoded = exhibit.stream()
                .map(f -> HexFormat.of().formatHex(XmlText.decode("/" + f.filename())))
                .filter(p -> !p.endsWith("2f2e") && !p.endsWith("2f2e2e")) // "/." and "/..", which listings omit
                .distinct()
                .toList();
        assertThat(listed).containsAll(decoded);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<FileObject> fileObjects(Document d) {
        List<FileObject> out = new ArrayList<>();
        NodeList objects = d.getElementsByTagNameNS(DFXML, "fileobject");
        for (int i = 0; i < objects.getLength(); i++) {
            Element o = (Element) objects.item(i);
            String md5 = null;
            String sha1 = null;
            NodeList digests = o.getElementsByTagNameNS(DFXML, "hashdigest");
            for (int k = 0; k < digests.getLength(); k++) {
                Element h = (Element) digests.item(k);
                if (h.getAttribute("type").equalsIgnoreCase("md5")) {
                    md5 = h.getTextContent();
                } else if (h.getAttribute("type").equalsIgnoreCase("sha1")) {
                    sha1 = h.getTextContent();
                }
            }
            List<String> runs = new ArrayList<>();
            NodeList byteRuns = o.getElementsByTagNameNS(DFXML, "byte_run");
            for (int k = 0; k < byteRuns.getLength(); k++) {
                Element r = (Element) byteRuns.item(k);
                runs.add(String.join(
                        " ",
                        r.getAttribute("file_offset"),
                        r.getAttribute("fs_offset"),
                        r.getAttribute("img_offset"),
                        r.getAttribute("len"),
                        r.getAttribute("fill"),
                        r.getAttribute("type")));
            }
            out.add(new FileObject(
                    ((Element) o.getParentNode()).getAttribute("offset"),
                    text(o, "filename"),
                    text(o, "inode"),
                    text(o, "filesize"),
                    md5,
                    sha1,
                    runs));
        }
        return out;
    }

    /** The text of the file object's own child (not of its parent_object's). */
    private static String text(Element o, String name) {
        NodeList children = o.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getLocalName().equals(name)) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
