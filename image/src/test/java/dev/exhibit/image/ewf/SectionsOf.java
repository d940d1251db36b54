package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Walks a segment file's sections the simple way, for tests that look at the layout or damage a section. */
final class SectionsOf {
    private SectionsOf() {}

    static List<SectionDescriptor> descriptors(Path segment) throws IOException {
        byte[] b = Files.readAllBytes(segment);
        List<SectionDescriptor> out = new ArrayList<>();
        long off = FileHeader.BYTES;
        while (off + SectionDescriptor.BYTES <= b.length) {
            SectionDescriptor d = SectionDescriptor.parse(
                    segment, off, Arrays.copyOfRange(b, (int) off, (int) off + SectionDescriptor.BYTES));
            out.add(d);
            if (d.isTerminator() || d.next() <= off) {
                break;
            }
            off = d.next();
        }
        return out;
    }

    static List<String> types(Path segment) throws IOException {
        return descriptors(segment).stream().map(SectionDescriptor::type).toList();
    }

    static SectionDescriptor first(Path segment, String type) throws IOException {
        return descriptors(segment).stream()
                .filter(d -> d.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " section in " + segment));
    }
}
