package dev.exhibit.acquire.image;

import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The files of one image, written and read at image byte offsets whatever the split. Whole aligned blocks are written
 * with direct I/O where the file system allows it: the bytes go to the disk without a second copy through the page
 * cache, which leaves the CPU to the digests. Segment files are created on first write and never overwritten when
 * they exist, unless the image is opened to resume.
 */
public final class ImageFiles implements ImageOutput {
    /** Direct I/O needs offsets, lengths and addresses aligned to the file system's block; 4 KiB fits all we meet. */
    static final int DIRECT_ALIGNMENT = 4096;

    private enum Mode {
        CREATE,
        RESUME,
        READ
    }

    private final ImageLayout layout;
    private final Mode mode;
    private final boolean directIo;
    private final NativeFd[] buffered;
    private final NativeFd[] direct;

    private ImageFiles(ImageLayout layout, Mode mode, boolean directIo) {
        this.layout = layout;
        this.mode = mode;
        this.directIo = directIo;
        this.buffered = new NativeFd[layout.segmentCount()];
        this.direct = new NativeFd[layout.segmentCount()];
    }

    /** A new image: every segment file must not exist yet. */
    public static ImageFiles create(ImageLayout layout, boolean directIo) {
        return new ImageFiles(layout, Mode.CREATE, directIo);
    }

    /** An image being resumed: segment files may exist and are written in place. */
    public static ImageFiles resume(ImageLayout layout, boolean directIo) {
        return new ImageFiles(layout, Mode.RESUME, directIo);
    }

    /** An image opened only for reading. */
    public static ImageFiles read(ImageLayout layout) {
        return new ImageFiles(layout, Mode.READ, false);
    }

    @Override
    public ImageLayout layout() {
        return layout;
    }

    @Override
    public void write(long byteOffset, MemorySegment data) throws IOException {
        if (mode == Mode.READ) {
            throw new IllegalStateException("image opened read-only: " + layout.directory());
        }
        long done = 0;
        while (done < data.byteSize()) {
            long at = byteOffset + done;
            int seg = layout.segmentOf(at);
            long inFile = at - layout.segmentStart(seg);
            long n = Math.min(data.byteSize() - done, layout.segmentLength(seg) - inFile);
            MemorySegment piece = data.asSlice(done, n);
            NativeFd fd = aligned(inFile, piece) ? directFd(seg) : null;
            if (fd == null) {
                fd = bufferedFd(seg);
            }
            writeFully(fd, piece, inFile, at);
            done += n;
        }
    }

    /**
     * Reads image bytes at {@code byteOffset} into {@code into}, across segments.
     *
     * @return how many bytes were read: less than asked only where the files end early
     */
    @Override
    public long read(long byteOffset, MemorySegment into) throws IOException {
        long done = 0;
        while (done < into.byteSize()) {
            long at = byteOffset + done;
            int seg = layout.segmentOf(at);
            long inFile = at - layout.segmentStart(seg);
            long want = Math.min(into.byteSize() - done, layout.segmentLength(seg) - inFile);
            if (want <= 0) {
                break;
            }
            long n = bufferedFd(seg).pread(into.asSlice(done, want), inFile);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** The length of segment {@code index}'s file, or -1 when it does not exist. */
    public long fileLength(int index) throws IOException {
        Path f = layout.file(index);
        return Files.exists(f) ? Files.size(f) : -1;
    }

    /** Forces every segment written so far, and the directory entries of new files, to stable storage. */
    @Override
    public synchronized void sync() throws IOException {
        boolean any = false;
        for (NativeFd fd : buffered) {
            if (fd != null) {
                fd.fsync();
                any = true;
            }
        }
        if (any && mode != Mode.READ) {
            try (FileChannel dir = FileChannel.open(layout.directory(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    /** Raw files hold every byte where it belongs already: completing them is making them durable. */
    @Override
    public List<Path> complete(String md5, String sha1, List<BadRun> badRuns) throws IOException {
        sync();
        return layout.files();
    }

    @Override
    public void seal() throws IOException {
        for (Path f : layout.files()) {
            if (Files.exists(f)) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (NativeFd[] fds : new NativeFd[][] {direct, buffered}) {
            for (int i = 0; i < fds.length; i++) {
                if (fds[i] != null) {
                    try {
                        fds[i].close();
                    } catch (IOException e) {
                        first = first == null ? e : first;
                    }
                    fds[i] = null;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private boolean aligned(long inFile, MemorySegment piece) {
        return directIo
                && inFile % DIRECT_ALIGNMENT == 0
                && piece.byteSize() % DIRECT_ALIGNMENT == 0
                && piece.address() % DIRECT_ALIGNMENT == 0;
    }

    /** Writes all of {@code piece} at {@code inFile}; a failure names the file and the image byte it stopped at. */
    static void writeFully(NativeFd fd, MemorySegment piece, long inFile, long imageOffset) throws IOException {
        long written = 0;
        while (written < piece.byteSize()) {
            long n;
            try {
                n = fd.pwrite(piece.asSlice(written), inFile + written);
            } catch (PosixException e) {
                throw new ImageWriteException(fd.path(), imageOffset + written, e);
            }
            if (n <= 0) {
                throw new IOException(fd.path() + ": write at byte " + (inFile + written) + " wrote nothing");
            }
            written += n;
        }
    }

    private synchronized NativeFd bufferedFd(int seg) throws IOException {
        if (buffered[seg] == null) {
            buffered[seg] = open(seg, 0);
        }
        return buffered[seg];
    }

    /** The direct-I/O descriptor of a segment, or null where the file system refuses direct I/O. */
    private synchronized NativeFd directFd(int seg) throws IOException {
        if (direct[seg] == null) {
            bufferedFd(seg); // creates the file if need be, so the direct open never creates
            try {
                direct[seg] = NativeFd.open(layout.file(seg), NativeFd.O_WRONLY | NativeFd.O_DIRECT);
            } catch (PosixException e) {
                if (e.errno() != NativeFd.EINVAL) {
                    throw e;
                }
                return null;
            }
        }
        return direct[seg];
    }

    private NativeFd open(int seg, int extra) throws IOException {
        Path file = layout.file(seg);
        return switch (mode) {
            case READ -> {
                if (!Files.exists(file)) {
                    throw new NoSuchFileException(file.toString(), null, "image segment missing");
                }
                yield NativeFd.open(file, NativeFd.O_RDONLY | extra);
            }
            case CREATE -> NativeFd.create(file, NativeFd.O_RDWR | NativeFd.O_CREAT | NativeFd.O_EXCL | extra, 0644);
            case RESUME -> {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
                yield NativeFd.create(file, NativeFd.O_RDWR | NativeFd.O_CREAT | extra, 0644);
            }
        };
    }
}
