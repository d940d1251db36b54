package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.posix.PosixException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Set;

/**
 * Reads of the source that tell an unreadable sector (a media error: the rescue goes on around it) from a failing
 * source (the device vanished, was unplugged, or shrank: the acquisition must stop, resumable).
 */
final class SectorReads {
    /**
     * The errno values the Linux block layer returns for a failed read of the medium ({@code blk_status_to_errno}):
     * EIO, ENODATA (medium error), EILSEQ (protection), EBADMSG, ETIMEDOUT, EREMOTEIO (target error).
     */
    static final Set<Integer> MEDIA_ERRORS = Set.of(5, 61, 84, 74, 110, 121);

    /**
     * What a read got: {@code bytes} read before it stopped, and the media error it stopped at, if any.
     *
     * @param error a description such as {@code EIO: Input/output error}, or null
     */
    record Outcome(long bytes, String error) {
        boolean complete(long wanted) {
            return error == null && bytes == wanted;
        }
    }

    private final SourceDevice source;
    private volatile long lastGoodNanos = System.nanoTime();

    SectorReads(SourceDevice source) {
        this.source = source;
    }

    SourceDevice source() {
        return source;
    }

    /** When a read last returned good bytes, in {@link System#nanoTime()} units: a stalled drive shows here. */
    long lastGoodNanos() {
        return lastGoodNanos;
    }

    /**
     * Reads all of {@code into} at {@code byteOffset}, continuing after short reads, until done or a media error.
     *
     * @throws ExhibitException ENVIRONMENT when the source fails otherwise or ends before its size
     */
    Outcome read(MemorySegment into, long byteOffset, boolean direct) throws IOException {
        long got = 0;
        while (got < into.byteSize()) {
            long n;
            try {
                MemorySegment rest = into.asSlice(got);
                n = direct ? source.readDirect(rest, byteOffset + got) : source.read(rest, byteOffset + got);
            } catch (PosixException e) {
                if (MEDIA_ERRORS.contains(e.errno())) {
                    return new Outcome(got, describe(e));
                }
                throw new ExhibitException(
                        ExhibitException.Kind.ENVIRONMENT,
                        "source " + source.path() + " failed at byte " + (byteOffset + got) + ": " + e.getMessage()
                                + "; the acquisition can be resumed when the source is back",
                        e);
            }
            if (n == 0) {
                throw new ExhibitException(
                        ExhibitException.Kind.ENVIRONMENT,
                        "source " + source.path() + " ended at byte " + (byteOffset + got) + " but reported "
                                + source.sizeBytes() + " bytes: was it removed or resized?");
            }
            got += n;
            lastGoodNanos = System.nanoTime();
        }
        return new Outcome(got, null);
    }

    private static String describe(PosixException e) {
        String name = switch (e.errno()) {
            case 5 -> "EIO";
            case 61 -> "ENODATA";
            case 84 -> "EILSEQ";
            case 74 -> "EBADMSG";
            case 110 -> "ETIMEDOUT";
            case 121 -> "EREMOTEIO";
            default -> "errno " + e.errno();
        };
        String msg = e.getMessage();
        int i = msg.lastIndexOf("failed: ");
        String text = i < 0 ? msg : msg.substring(i + 8).replaceAll(" \\(errno \\d+\\)$", "");
        return name + ": " + text;
    }
}
