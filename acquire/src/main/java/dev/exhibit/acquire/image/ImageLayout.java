package dev.exhibit.acquire.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How an image of {@code sizeBytes} is laid out in files: one {@code image.raw}, or segments {@code image.001},
 * {@code image.002}, ... of {@code splitBytes} each (the last one shorter), the names The Sleuth Kit, ewfacquire and
 * {@code cat image.0*} all understand; or an E01 set {@code image.E01}, {@code image.E02}, ..., whose files hold
 * compressed chunks and whose number is known only once it is written.
 */
public final class ImageLayout {
    public static final String RAW_NAME = "image.raw";
    /** The base name of E01 segment files: {@code image.E01}, {@code image.E02}, ... */
    public static final String EWF_BASE_NAME = "image";
    /** Three-digit extensions: past 999 segments, tools that open {@code image.001} stop finding the rest. */
    public static final int MAX_SEGMENTS = 999;

    private final Path directory;
    private final long sizeBytes;
    private final long splitBytes;
    private final int segments;
    private final EwfOptions ewf;

    private ImageLayout(Path directory, long sizeBytes, long splitBytes, int segments, EwfOptions ewf) {
        this.directory = directory;
        this.sizeBytes = sizeBytes;
        this.splitBytes = splitBytes;
        this.segments = segments;
        this.ewf = ewf;
    }

    /** One image file. */
    public static ImageLayout raw(Path directory, long sizeBytes) {
        return new ImageLayout(directory, sizeBytes, 0, 1, null);
    }

    /** An E01 set written with {@code options}. */
    public static ImageLayout e01(Path directory, long sizeBytes, EwfOptions options) {
        return new ImageLayout(directory, sizeBytes, 0, 1, Objects.requireNonNull(options, "options"));
    }

    /**
     * Segments of {@code splitBytes}, a positive multiple of {@code sectorBytes}.
     *
     * @throws IllegalArgumentException naming the value when the split is not a whole number of sectors or would need
     *     more than {@link #MAX_SEGMENTS} files
     */
    public static ImageLayout split(Path directory, long sizeBytes, long splitBytes, int sectorBytes) {
        if (splitBytes <= 0 || splitBytes % sectorBytes != 0) {
            throw new IllegalArgumentException("--split " + splitBytes
                    + " bytes must be a positive multiple of the sector size, " + sectorBytes + " bytes");
        }
        long count = Math.max(1, (sizeBytes + splitBytes - 1) / splitBytes);
        if (count > MAX_SEGMENTS) {
            throw new IllegalArgumentException("--split " + splitBytes + " bytes would make " + count
                    + " segments of a " + sizeBytes + "-byte source; at most " + MAX_SEGMENTS
                    + " are allowed: choose a larger size");
        }
        return new ImageLayout(directory, sizeBytes, splitBytes, (int) count, null);
    }

    /** The layout an acquisition log describes: {@code raw}, or {@code split-raw} with its segment size. */
    public static ImageLayout of(Path directory, long sizeBytes, long splitBytes, int sectorBytes) {
        return splitBytes > 0 ? split(directory, sizeBytes, splitBytes, sectorBytes) : raw(directory, sizeBytes);
    }

    /** {@code raw}, {@code split-raw} or {@code e01}, as logs and records name the format. */
    public String format() {
        return imageFormat().id();
    }

    public ImageFormat imageFormat() {
        if (ewf != null) {
            return ImageFormat.E01;
        }
        return splitBytes > 0 ? ImageFormat.SPLIT_RAW : ImageFormat.RAW;
    }

    /** How the E01 is written, or null for a raw image. */
    public EwfOptions ewf() {
        return ewf;
    }

    public Path directory() {
        return directory;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** The segment size in bytes, or 0 for a single file. */
    public long splitBytes() {
        return splitBytes;
    }

    public int segmentCount() {
        return segments;
    }

    /** The file of segment {@code index}, from 0. */
    public Path file(int index) {
        return directory.resolve(name(index));
    }

    /** The name of raw segment {@code index}; an E01's names come from its writer, which alone knows how many. */
    public String name(int index) {
        if (ewf != null) {
            throw new IllegalStateException("the files of an E01 set are named by its writer, not by the layout");
        }
        return splitBytes > 0 ? String.format(Locale.ROOT, "image.%03d", index + 1) : RAW_NAME;
    }

    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            files.add(file(i));
        }
        return files;
    }

    /** The first image byte segment {@code index} holds. */
    public long segmentStart(int index) {
        return splitBytes > 0 ? index * splitBytes : 0;
    }

    /** How many bytes segment {@code index} holds when the image is complete. */
    public long segmentLength(int index) {
        if (splitBytes == 0) {
            return sizeBytes;
        }
        return Math.min(splitBytes, sizeBytes - segmentStart(index));
    }

    /** The segment that holds image byte {@code byteOffset}. */
    public int segmentOf(long byteOffset) {
        return splitBytes > 0 ? (int) Math.min(byteOffset / splitBytes, segments - 1) : 0;
    }
}
