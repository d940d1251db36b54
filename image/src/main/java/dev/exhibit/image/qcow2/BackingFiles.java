package dev.exhibit.image.qcow2;

import dev.exhibit.image.MediaReader;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the backing file an overlay names (which may itself be any container), refusing loops in the chain. */
@FunctionalInterface
public interface BackingFiles {
    /**
     * @param overlay the file that names the backing file
     * @param backing the backing file, resolved against the overlay's directory
     */
    MediaReader open(Path overlay, Path backing) throws IOException;
}
