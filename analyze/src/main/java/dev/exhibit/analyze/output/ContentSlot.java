package dev.exhibit.analyze.output;

import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.fs.Entry;
import java.io.IOException;

/**
 * Where a writer's record gets what the stream's content says (digests, media type), which may be read later and
 * on another thread. A writer marks the place once per record and then ends the record; a listing that reads no
 * content fills the place at once ({@link #direct}), a listing that does holds the record until its stream is read
 * and writes the records in the listing's order.
 */
public interface ContentSlot {
    /** How a format writes content fields into a record. */
    @FunctionalInterface
    interface Format {
        /** @param content what reading the stream found, or {@code null} when the record has no content read */
        void write(ByteOut out, StreamContent content) throws IOException;
    }

    /**
     * The record being written gets its content fields here.
     *
     * @param attr the record's stream (an attribute's address; 0 for the file's default content)
     */
    void mark(Entry e, long attr, Format format) throws IOException;

    /**
     * The same, for a record that stands for whatever content the stream has, whatever the file's type (a symbolic
     * link's content is its target, as icat and an export give it).
     */
    default void markAnyContent(Entry e, long attr, Format format) throws IOException {
        mark(e, attr, format);
    }

    /** The record is complete. */
    void end() throws IOException;

    /** No content is read: the fields are written at once, without content, and records end as they are written. */
    static ContentSlot direct(ByteOut out) {
        return new ContentSlot() {
            @Override
            public void mark(Entry e, long attr, Format format) throws IOException {
                format.write(out, null);
            }

            @Override
            public void end() {
                out.endRecord();
            }
        };
    }
}
