package dev.exhibit.analyze.output;

import dev.exhibit.analyze.fs.Entry;
import java.io.IOException;

/** Writes one directory-walk entry as records of a listing format. */
public interface EntryWriter {
    /**
     * @param prefix bytes put before each path (a mount point such as {@code /}, or {@code vol2/} when a whole image
     *     is listed)
     */
    void write(Entry entry, byte[] prefix) throws IOException;
}
