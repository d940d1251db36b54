package dev.exhibit.acquire.source;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import dev.exhibit.image.ContainerFormat;
import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.MediaReaders;
import dev.exhibit.image.ewf.EwfFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A source that is an image container (an E01 set, a DMG, a QCOW2): recognised by its content, read as the media it
 * holds through Exhibit's own readers, which check every chunk they decode. A chunk that cannot be decoded, or a
 * missing segment, stops the acquisition with one line naming the file, the chunk and the byte offset: the container
 * is evidence, and its bytes are not invented.
 */
final class ContainerSource {
    /** One aligned block: direct I/O reads whole logical blocks into aligned memory. */
    private static final int DIRECT_READ_BYTES = 4096;

    private ContainerSource() {}

    /**
     * The container {@code file} is, told by its first and last bytes. Read with direct I/O where the file system
     * allows it, as every other read of a source is: a buffered read would leave the kernel's read-ahead of the
     * evidence in the page cache.
     */
    static ContainerFormat detect(Path file, long sizeBytes) throws IOException {
        long tailBlock = Math.max(0, (sizeBytes - ContainerFormat.PROBE_BYTES) / DIRECT_READ_BYTES * DIRECT_READ_BYTES);
        byte[] head;
        byte[] tail;
        try (Arena arena = Arena.ofConfined();
                NativeFd fd = NativeFd.open(file, NativeFd.O_RDONLY | NativeFd.O_DIRECT)) {
            MemorySegment block = arena.allocate(2L * DIRECT_READ_BYTES, DIRECT_READ_BYTES);
            head = block.asSlice(0, fd.pread(block.asSlice(0, DIRECT_READ_BYTES), 0))
                    .toArray(ValueLayout.JAVA_BYTE);
            tail = block.asSlice(0, fd.pread(block, tailBlock)).toArray(ValueLayout.JAVA_BYTE);
        } catch (PosixException e) {
            if (e.errno() != NativeFd.EINVAL) {
                throw e;
            }
            // a file system without direct I/O (tmpfs): its files live in memory anyway
            head = buffered(file, 0, DIRECT_READ_BYTES);
            tail = buffered(file, tailBlock, 2 * DIRECT_READ_BYTES);
        }
        int probe = ContainerFormat.PROBE_BYTES;
        byte[] first = Arrays.copyOf(head, Math.min(head.length, probe));
        byte[] last = Arrays.copyOfRange(tail, Math.max(0, tail.length - probe), tail.length);
        return ContainerFormat.detect(first, last);
    }

    private static byte[] buffered(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // a short read of a small file: read on until its end
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    static MediaReader open(Path given, Path real, ContainerFormat format) throws IOException {
        try {
            return MediaReaders.open(real, format);
        } catch (EwfFormatException | MediaFormatException | EOFException e) {
            throw new ExhibitException(
                    ExhibitException.Kind.EVIDENCE,
                    "source " + given + " is "
                            + (format == ContainerFormat.E01 ? "an E01 set" : "a " + format.label() + " image")
                            + " that cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** Fills {@code into} with media bytes from {@code byteOffset}; fewer only at the end of the media. */
    static long read(MediaReader reader, Path given, MemorySegment into, long byteOffset) throws IOException {
        long done = 0;
        try {
            while (done < into.byteSize()) {
                int n = reader.read(byteOffset + done, into.asSlice(done).asByteBuffer());
                if (n <= 0) {
                    break;
                }
                done += n;
            }
        } catch (EwfFormatException | MediaFormatException | EOFException e) {
            throw new ExhibitException(ExhibitException.Kind.EVIDENCE, "source " + given + ": " + e.getMessage(), e);
        }
        return done;
    }
}
