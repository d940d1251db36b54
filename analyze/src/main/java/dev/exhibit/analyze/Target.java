package dev.exhibit.analyze;

import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.analyze.vs.Partition;

/**
 * A place in an image where a file system is expected: a partition of its volume system, or a byte offset given by
 * the user, or the start of an image without a partition table.
 *
 * @param index position in the image's list of targets (the sandbox resumes after a crash from the next one)
 * @param partition the partition, or {@code null}
 * @param byteOffset where the file system starts in the image
 * @param prefix what body-file paths start with: {@code /} as {@code fls -m /}, or {@code volN/} as
 *     {@code tsk_gettimes} writes it for the partition at mmls's address N when a whole image is listed (the body
 *     file is The Sleuth Kit's format, so it keeps The Sleuth Kit's name)
 */
public record Target(int index, Partition partition, long byteOffset, String prefix) {
    /** The partition's name ({@code p2}), or {@code null} without one. */
    public String partitionName() {
        return partition == null ? null : partition.name();
    }

    /** For messages: {@code partition p1 (sector 2048)} or {@code the file system at byte offset 0}. */
    public String describe() {
        if (partition != null) {
            return "partition " + partition.name() + " (sector " + partition.startSector() + ")";
        }
        return "the file system at byte offset " + byteOffset;
    }

    /**
     * Opens the file system here. When it cannot be opened, a target the user selected is an error; in a whole image
     * the target is reported as a problem and skipped ({@code null}), and the rest is still analysed. A type
     * found only by name is reported too.
     */
    FileSystem open(Image image, boolean selected, Diagnostics diagnostics) {
        FileSystem fs;
        try {
            fs = FileSystem.open(image, byteOffset);
        } catch (TskException e) {
            if (selected) {
                throw e;
            }
            diagnostics.problem(describe() + " skipped: " + e.getMessage());
            return null;
        }
        if (!fs.detection().equals(FileSystem.AUTODETECTED)) {
            diagnostics.warning(describe() + ": " + fs.detection());
        }
        return fs;
    }
}
