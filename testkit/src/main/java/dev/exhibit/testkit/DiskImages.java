package dev.exhibit.testkit;

import dev.exhibit.core.Sizes;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Small disk images for tests that attach loop devices: blank (sparse) or with a GPT partition table. */
public final class DiskImages {
    private DiskImages() {}

    /** A sparse file of {@code size} (e.g. {@code 4M}, {@code 32MiB}) full of zeros. */
    public static Path blank(Path file, String size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(Sizes.parse(size));
        }
        return file;
    }

    /** A blank image of {@code size} with a GPT holding one partition per entry of {@code partitionSizes}, in order. */
    public static Path gpt(Path file, String size, String... partitionSizes) throws IOException {
        blank(file, size);
        StringBuilder script = new StringBuilder("label: gpt\\n");
        for (String p : partitionSizes) {
            script.append(',').append(p).append("\\n");
        }
        Proc.run("sh", "-c", "printf '" + script + "' | sfdisk -q '" + file + "'")
                .ok();
        return file;
    }
}
