package dev.exhibit.analyze.img;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Libtsk;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.image.ContainerFormat;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.MediaReaders;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An evidence image opened read-only through libtsk ({@code TSK_IMG_INFO}): raw, split raw ({@code .001} finds its
 * siblings), EWF ({@code .E01}), VMDK, VHD, whatever the installed libtsk reads; DMG and QCOW2, which libtsk 4.11 does
 * not read, are decoded by the image module and handed to libtsk as external images (detected by content). libtsk opens every format with
 * {@code O_RDONLY}; nothing here writes. Owns its pointer; close it after every volume system and file system opened
 * on it.
 */
public final class Image implements AutoCloseable {
    /** Extensions of container formats that libtsk 4.11 would silently read as raw bytes if it failed to parse them. */
    private static final List<String> CONTAINER_EXTENSIONS =
            List.of(".vmdk", ".qcow", ".qcow2", ".vhdx", ".vdi", ".dmg");

    private final Arena arena;
    private final MemorySegment self;
    private final Path path;
    private final ImageFormat format;
    private final long sizeBytes;
    private final int sectorSizeBytes;
    private final List<Path> files;
    private final List<String> warnings;
    private final ExternalImage external;

    private Image(Arena arena, MemorySegment self, Path path, ExternalImage external, ContainerFormat container) {
        this.arena = arena;
        this.self = self;
        this.path = path;
        this.external = external;
        long a = self.address();
        int type = Mem.i32(a + Layouts.IMG_ITYPE);
        this.format = container == null
                ? ImageFormat.of(type)
                : new ImageFormat(type, container.label(), container.description() + ", decoded by Exhibit");
        this.sizeBytes = Mem.i64(a + Layouts.IMG_SIZE);
        this.sectorSizeBytes = Mem.i32(a + Layouts.IMG_SECTOR_SIZE);
        this.files = container == null ? segmentFiles(a) : List.of(path);
        this.warnings = warningsFor(path, format);
    }

    /**
     * Opens {@code path} read-only, letting libtsk detect the format.
     *
     * @throws NoSuchFileException when the file does not exist (exit status 3)
     * @throws TskException when libtsk cannot open it (exit status 1)
     */
    public static Image open(Path path) throws NoSuchFileException, AccessDeniedException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isReadable(path)) {
            throw new AccessDeniedException(path.toString());
        }
        ContainerFormat container = detect(path);
        if (Files.isDirectory(path) && container != ContainerFormat.SPARSEBUNDLE) {
            throw ExhibitException.usage(path + " is a directory, not an image");
        }
        Libtsk.require();
        if (JAVA_DECODED.contains(container)) {
            return openExternal(path, container);
        }
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment paths = arena.allocate(ValueLayout.ADDRESS);
            paths.set(ValueLayout.ADDRESS, 0, arena.allocateFrom(path.toString()));
            Calls.errorReset();
            MemorySegment img = Calls.imgOpenUtf8(1, paths, ImageFormat.DETECT, 0);
            if (img.address() == 0) {
                throw TskException.fromLibtsk(
                        ExhibitException.Kind.EVIDENCE, path.toString(), "image", 0, "cannot open the image");
            }
            return new Image(arena, img.reinterpret(Layouts.IMG_INFO_BYTES, arena, Calls::imgClose), path, null, null);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Containers libtsk 4.11 cannot read, decoded by the image module and handed to libtsk as external images. */
    private static final Set<ContainerFormat> JAVA_DECODED = EnumSet.of(
            ContainerFormat.DMG,
            ContainerFormat.ENCRYPTED_DMG,
            ContainerFormat.SPARSEIMAGE,
            ContainerFormat.SPARSEBUNDLE,
            ContainerFormat.QCOW2,
            ContainerFormat.VDI);

    private static ContainerFormat detect(Path path) {
        try {
            return ContainerFormat.detect(path);
        } catch (IOException e) {
            throw ExhibitException.environment(
                    path + ": cannot read the image to detect its format: " + e.getMessage(), e);
        }
    }

    private static Image openExternal(Path path, ContainerFormat container) {
        MediaReader reader;
        try {
            reader = MediaReaders.open(path);
        } catch (NoSuchFileException e) {
            throw ExhibitException.environment(
                    e.getReason() != null ? e.getReason() : e.getFile() + ": no such file", e);
        } catch (IOException e) {
            throw new ExhibitException(ExhibitException.Kind.EVIDENCE, e.getMessage(), e);
        }
        if (reader.sizeBytes() == 0) {
            closeQuietly(reader);
            throw ExhibitException.evidence(path + ": the image is empty (0 bytes of media): nothing to analyse");
        }
        ExternalImage external = new ExternalImage(reader);
        Arena arena = Arena.ofConfined();
        try {
            Calls.errorReset();
            MemorySegment img = external.open();
            if (img.address() == 0) {
                throw TskException.fromLibtsk(
                        ExhibitException.Kind.EVIDENCE, path.toString(), "image", 0, "cannot open the decoded image");
            }
            return new Image(
                    arena, img.reinterpret(Layouts.IMG_INFO_BYTES, arena, Calls::imgClose), path, external, container);
        } catch (RuntimeException e) {
            arena.close();
            closeQuietly(external);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing with a clearer error
        }
    }

    /** The Java reader of a DMG or QCOW2 (empty for what libtsk reads itself): its container facts for the summary. */
    public Optional<MediaReader> decodedBy() {
        return external == null ? Optional.empty() : Optional.of(external.reader());
    }

    /** The first read of a decoded container that failed (naming its file, structure and offset), if any. */
    public Optional<String> readFailure() {
        return external == null ? Optional.empty() : Optional.ofNullable(external.firstFailure());
    }

    /** The native handle, for the layers opened on this image. */
    public MemorySegment segment() {
        return self;
    }

    /** The path given to {@link #open} (for split and EWF images, the first segment). */
    public Path path() {
        return path;
    }

    public ImageFormat format() {
        return format;
    }

    /** Size of the media the image holds (after decompression for EWF, VMDK, VHD), in bytes. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public int sectorSizeBytes() {
        return sectorSizeBytes;
    }

    /**
     * Reads up to {@code length} bytes of the media at {@code byteOffset}, through libtsk (so EWF, VHD and VMDK are
     * read as the disk they hold); fewer at the end of the media, none past it or when libtsk cannot read there.
     */
    public byte[] read(long byteOffset, int length) {
        if (byteOffset < 0 || length <= 0 || byteOffset >= sizeBytes) {
            return new byte[0];
        }
        int n = (int) Math.min(length, sizeBytes - byteOffset);
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment buffer = temp.allocate(n);
            long got = Calls.imgRead(self, byteOffset, buffer, n);
            Calls.errorReset();
            return got <= 0 ? new byte[0] : buffer.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** Every file libtsk opened for this image, in order (several for split raw and segmented EWF). */
    public List<Path> files() {
        return files;
    }

    /** Things a reader must know about how the image was read, such as a container format read as raw. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        arena.close();
        if (external != null) {
            closeQuietly(external);
        }
    }

    private List<Path> segmentFiles(long img) {
        int count = Mem.i32(img + Layouts.IMG_NUM_IMG);
        long array = Mem.ptr(img + Layouts.IMG_IMAGES);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count && array != 0; i++) {
            out.add(Path.of(Mem.text(Mem.ptr(array + (long) i * ValueLayout.ADDRESS.byteSize()))));
        }
        return List.copyOf(out);
    }

    private static List<String> warningsFor(Path path, ImageFormat format) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String ext : CONTAINER_EXTENSIONS) {
            if (name.endsWith(ext) && format.isRaw()) {
                out.add(path + " was opened as raw bytes although its name says " + ext.substring(1)
                        + ": libtsk " + Libtsk.version() + " did not recognise the container, so offsets and"
                        + " sizes refer to the container file itself, not to the disk inside it");
            }
        }
        return List.copyOf(out);
    }
}
