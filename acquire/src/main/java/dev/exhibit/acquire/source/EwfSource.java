package dev.exhibit.acquire.source;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import dev.exhibit.image.ewf.EwfFormatException;
import dev.exhibit.image.ewf.EwfReader;
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
 * A source that is an E01 set: recognised by the signature of its first segment, read through Exhibit's own reader,
 * which checks every chunk it decodes. A chunk that cannot be decoded, or a missing segment, stops the acquisition with
 * one line naming the file, the chunk and the byte offset: the E01 is evidence, and its bytes are not invented.
 */
final class EwfSource {
    /** How the log names such a source. */
    static final String KIND = "e01";

    /** One aligned block: direct I/O reads whole logical blocks into aligned memory. */
    private static final int DIRECT_READ_BYTES = 4096;

    private EwfSource() {}

    /**
     * Whether {@code file} starts with the EWF signature. Read with direct I/O where the file system allows it, as
     * every other read of a source is: a buffered read of eight bytes would leave the kernel's read-ahead of the
     * evidence in the page cache.
     */
    static boolean isEwf(Path file) throws IOException {
        byte[] head;
        try (Arena arena = Arena.ofConfined();
                NativeFd fd = NativeFd.open(file, NativeFd.O_RDONLY | NativeFd.O_DIRECT)) {
            MemorySegment block = arena.allocate(DIRECT_READ_BYTES, DIRECT_READ_BYTES);
            long n = fd.pread(block, 0);
            head = block.asSlice(0, Math.min(n, EwfReader.SIGNATURE_BYTES)).toArray(ValueLayout.JAVA_BYTE);
        } catch (PosixException e) {
            if (e.errno() != NativeFd.EINVAL) {
                throw e;
            }
            head = bufferedHead(file); // a file system without direct I/O (tmpfs): its files live in memory anyway
        }
        return EwfReader.startsLikeEwf(head);
    }

    private static byte[] bufferedHead(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(EwfReader.SIGNATURE_BYTES);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // a short read of a small file: read on until its end
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    static EwfReader open(Path given, Path real) throws IOException {
        try {
            return EwfReader.open(real);
        } catch (EwfFormatException e) {
            throw new ExhibitException(
                    ExhibitException.Kind.EVIDENCE,
                    "source " + given + " is an E01 set that cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** Fills {@code into} with media bytes from {@code byteOffset}; fewer only at the end of the media. */
    static long read(EwfReader reader, Path given, MemorySegment into, long byteOffset) throws IOException {
        long done = 0;
        try {
            while (done < into.byteSize()) {
                int n = reader.read(byteOffset + done, into.asSlice(done).asByteBuffer());
                if (n <= 0) {
                    break;
                }
                done += n;
            }
        } catch (EwfFormatException e) {
            throw new ExhibitException(ExhibitException.Kind.EVIDENCE, "source " + given + ": " + e.getMessage(), e);
        }
        return done;
    }
}
