package dev.exhibit.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.core.text.Badges;
import dev.exhibit.index.FileRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Base64;

/** How {@code exhibit search} writes what it found: a table for reading, or JSON Lines with the exact bytes. */
sealed interface SearchOutput extends AutoCloseable {
    void row(FileRow r) throws IOException;

    @Override
    void close() throws IOException;

    /** Columns of fixed width, as analyze files' table; times to the second, paths in display form. */
    final class Table implements SearchOutput {
        private final PrintWriter out;
        private boolean header;

        Table(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void row(FileRow r) {
            if (!header) {
                out.printf(
                        "%-12s %-4s %-8s %-12s %12s  %-19s  %-24s %-12s %s%n",
                        "Item", "Part", "State", "Inode", "Size", "Modified (UTC)", "Type", "Hash sets", "Path");
                header = true;
            }
            String state = Boolean.TRUE.equals(r.orphan())
                    ? "orphan"
                    : Boolean.TRUE.equals(r.reallocated())
                            ? "realloc"
                            : Boolean.TRUE.equals(r.deleted()) ? "deleted" : "alloc";
            String sets = String.join(
                    ",",
                    r.hashSets().stream()
                            .map(h -> h.name() + ("notable".equals(h.kind()) ? "!" : ""))
                            .toList());
            out.printf(
                    "%-12s %-4s %-8s %-12s %12s  %-19s  %-24s %-12s %s%n",
                    shown(r.item()),
                    r.partition() == null ? "-" : shown(r.partition()),
                    state,
                    r.inode(),
                    r.sizeBytes() == null ? "-" : r.sizeBytes().toString(),
                    r.mtime() == null ? "-" : r.mtime().substring(0, 19).replace('T', ' '),
                    r.mediaType() == null ? "-" : shown(r.mediaType()),
                    sets.isEmpty() ? "-" : shown(sets),
                    shown(r.path()) + (r.stream() == null ? "" : ":" + shown(r.stream())));
        }

        /**
         * The database keeps names in the listing's display form already (docs/analyze.md); anything that would
         * still restyle a terminal (an edited analysis file) is badged here, the badges already there kept.
         */
        private static String shown(String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp != Badges.OPEN && Badges.needed(cp)) {
                    b.append(Badges.visible(Character.toString(cp)));
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.toString();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** One object per file or stream: the listing's members, the item, its hash sets, and where the row came from. */
    final class JsonLines implements SearchOutput {
        private final OutputStream stream;
        private final JsonGenerator g;

        JsonLines(OutputStream stream) throws IOException {
            this.stream = stream;
            this.g = new ObjectMapper()
                    .getFactory()
                    .createGenerator(stream, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        @Override
        public void row(FileRow r) throws IOException {
            Base64.Encoder b64 = Base64.getEncoder();
            g.writeStartObject();
            g.writeStringField("item", r.item());
            g.writeStringField("partition", r.partition());
            g.writeStringField("path", r.path());
            g.writeStringField("pathBytes", b64.encodeToString(r.pathBytes()));
            g.writeStringField("name", r.name());
            g.writeStringField("nameBytes", b64.encodeToString(r.nameBytes()));
            g.writeStringField("stream", r.stream());
            g.writeStringField("inode", r.inode());
            g.writeStringField("metaType", r.metaType());
            g.writeObjectField("deleted", r.deleted());
            g.writeObjectField("orphan", r.orphan());
            g.writeObjectField("reallocated", r.reallocated());
            g.writeObjectField("size", r.sizeBytes());
            g.writeStringField("mtime", r.mtime());
            g.writeStringField("atime", r.atime());
            g.writeStringField("ctime", r.ctime());
            g.writeStringField("crtime", r.crtime());
            optional("md5", r.md5());
            optional("sha1", r.sha1());
            optional("sha256", r.sha256());
            optional("sha512", r.sha512());
            optional("mediaType", r.mediaType());
            if (r.extensionMismatch() != null) {
                g.writeBooleanField("extensionMismatch", r.extensionMismatch());
            }
            g.writeArrayFieldStart("hashsets");
            for (FileRow.HashSetHit h : r.hashSets()) {
                g.writeStartObject();
                g.writeStringField("name", h.name());
                g.writeStringField("kind", h.kind());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("notable", r.notable());
            g.writeObjectFieldStart("source");
            g.writeStringField("file", r.sourceFile());
            g.writeStringField("sha256", r.sourceSha256());
            g.writeNumberField("line", r.sourceLine());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }

        private void optional(String field, String value) throws IOException {
            if (value != null) {
                g.writeStringField(field, value);
            }
        }

        @Override
        public void close() throws IOException {
            g.flush();
            stream.flush();
        }
    }
}
