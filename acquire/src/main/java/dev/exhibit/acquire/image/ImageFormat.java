package dev.exhibit.acquire.image;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The image formats {@code acquire} writes, by the names {@code --format} and the log use. */
public enum ImageFormat {
    /** One {@code image.raw}, byte for byte the source. */
    RAW("raw"),
    /** {@code image.001}, {@code image.002}, ...: the source cut into files of {@code --split} bytes. */
    SPLIT_RAW("split-raw"),
    /** {@code image.E01}, {@code image.E02}, ...: Expert Witness (EnCase 6), compressed, with case data and hashes. */
    E01("e01");

    private final String id;

    ImageFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The format named {@code name}, as {@code --format} and the log's {@code options.format} give it.
     *
     * @throws IllegalArgumentException naming the value and the formats there are
     */
    public static ImageFormat parse(String name) {
        for (ImageFormat f : values()) {
            if (f.id.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format " + name + ": unknown image format; give one of "
                + Arrays.stream(values()).map(ImageFormat::id).collect(Collectors.joining(", ")));
    }
}
