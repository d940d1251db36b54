package dev.exhibit.image;

import dev.exhibit.image.dmg.DmgReader;
import dev.exhibit.image.ewf.EwfReader;
import dev.exhibit.image.qcow2.Qcow2Reader;
import dev.exhibit.image.raw.RawReader;
import dev.exhibit.image.sparse.SparseBundleReader;
import dev.exhibit.image.sparse.SparseImageReader;
import dev.exhibit.image.vdi.VdiReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens any image file as the media it holds, read-only, choosing the reader by {@link ContainerFormat#detect}:
 * raw, E01, DMG, sparse image and bundle, QCOW2 (with its backing chain) and VDI. Containers Exhibit detects but does not decode are refused with a
 * message that names them.
 */
public final class MediaReaders {
    /** Longest backing chain followed: qemu's own limit is far higher, but real evidence chains are short. */
    static final int MAX_CHAIN = 16;

    private MediaReaders() {}

    /** Opens {@code path} by its content. */
    public static MediaReader open(Path path) throws IOException {
        return open(path, new ArrayList<>());
    }

    /** Opens {@code path} as {@code format}, already detected by the caller (which may read with direct I/O). */
    public static MediaReader open(Path path, ContainerFormat format) throws IOException {
        return open(path, format, new ArrayList<>());
    }

    private static MediaReader open(Path path, List<Path> chain) throws IOException {
        return open(path, ContainerFormat.detect(path), chain);
    }

    private static MediaReader open(Path path, ContainerFormat format, List<Path> chain) throws IOException {
        return switch (format) {
            case RAW -> RawReader.open(path);
            case VDI -> VdiReader.open(path);
            case SPARSEIMAGE -> SparseImageReader.open(path);
            case SPARSEBUNDLE -> SparseBundleReader.open(path);
            case E01 -> EwfReader.open(path);
            case DMG, ENCRYPTED_DMG -> DmgReader.open(path);
            case QCOW2 -> {
                chain.add(path.toRealPath());
                yield Qcow2Reader.open(path, (overlay, backing) -> {
                    Path real = backing.toRealPath();
                    if (chain.contains(real)) {
                        throw MediaFormatException.at(
                                overlay,
                                "QCOW2 backing file name",
                                8,
                                "backing chain loops: it names " + backing + ", already open in the chain " + chain);
                    }
                    if (chain.size() >= MAX_CHAIN) {
                        throw MediaFormatException.at(
                                overlay,
                                "QCOW2 backing file name",
                                8,
                                "backing chain longer than " + MAX_CHAIN + " files");
                    }
                    return open(backing, chain);
                });
            }
            default ->
                throw new MediaFormatException(path.getFileName() + " is " + article(format) + format.description()
                        + " (" + format.label() + "), which Exhibit does not decode yet");
        };
    }

    private static String article(ContainerFormat f) {
        return "aeiou".indexOf(Character.toLowerCase(f.description().charAt(0))) >= 0 ? "an " : "a ";
    }
}
