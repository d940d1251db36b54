package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A file system read by libtsk ({@code TSK_FS_INFO}) at a byte offset of an image. Opening autodetects the type and,
 * when autodetection finds none, asks for each type by name ({@link FileSystemType#EXPLICIT_RETRIES}), because some
 * valid volumes (FAT32 under 65,525 clusters) are only recognised that way; {@link #detection()} says which way
 * worked. Close every file opened on it first, and close it before the image.
 */
public final class FileSystem implements AutoCloseable {
    /** {@link #detection()} when autodetection found the type. */
    public static final String AUTODETECTED = "autodetected";

    /** {@code TSK_ERR_FS_UNKTYPE}: no type recognised. Only then are types tried by name. */
    private static final int TSK_ERR_FS_UNKTYPE = 0x08000000;

    /** {@code TSK_FS_INFO_FLAG_HAVE_NANOSEC}: the file system records times below the second. */
    private static final int FLAG_HAVE_NANOSEC = 0x2;

    private final Image image;
    private final Arena arena;
    private final MemorySegment self;
    private final FileSystemType type;
    private final long byteOffset;
    private final String detection;
    private byte[] label;

    private FileSystem(Image image, Arena arena, MemorySegment self, String detection) {
        this.image = image;
        this.arena = arena;
        this.self = self;
        this.detection = detection;
        this.type = FileSystemType.of(Mem.i32(self.address() + Layouts.FS_FTYPE));
        this.byteOffset = Mem.i64(self.address() + Layouts.FS_OFFSET);
    }

    /**
     * Opens the file system that starts {@code byteOffset} bytes into the image.
     *
     * @throws TskException naming the image, the byte offset and libtsk's reason when no type fits
     */
    public static FileSystem open(Image image, long byteOffset) {
        Calls.errorReset();
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment fs = Calls.fsOpenImg(image.segment(), byteOffset, FileSystemType.DETECT);
            if (fs.address() != 0) {
                return new FileSystem(image, arena, own(fs, arena), AUTODETECTED);
            }
            int errno = Calls.errorNumber();
            TskException detectFailure = TskException.fromLibtsk(
                    ExhibitException.Kind.EVIDENCE,
                    image.path().toString(),
                    "file system",
                    byteOffset,
                    "no file system recognised");
            if (errno != TSK_ERR_FS_UNKTYPE) {
                throw detectFailure;
            }
            for (int code : FileSystemType.EXPLICIT_RETRIES) {
                fs = Calls.fsOpenImg(image.segment(), byteOffset, code);
                Calls.errorReset();
                if (fs.address() != 0) {
                    return new FileSystem(
                            image,
                            arena,
                            own(fs, arena),
                            "opened as " + Calls.fsTypeName(code) + " by name after autodetection failed ("
                                    + detectFailure.tskMessage() + ")");
                }
            }
            throw detectFailure;
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static MemorySegment own(MemorySegment fs, Arena arena) {
        return fs.reinterpret(Layouts.FS_INFO_BYTES, arena, Calls::fsClose);
    }

    public MemorySegment segment() {
        return self;
    }

    public Image image() {
        return image;
    }

    public FileSystemType type() {
        return type;
    }

    /** How the type was found: {@code autodetected}, or which explicit type opened it and why that was needed. */
    public String detection() {
        return detection;
    }

    /** Where the file system starts in the image. */
    public long byteOffset() {
        return byteOffset;
    }

    public int blockSizeBytes() {
        return Mem.i32(self.address() + Layouts.FS_BLOCK_SIZE);
    }

    public long blockCount() {
        return Mem.i64(self.address() + Layouts.FS_BLOCK_COUNT);
    }

    /** Size of the device blocks libtsk reads (512 unless told otherwise). */
    public int deviceBlockSizeBytes() {
        return Mem.i32(self.address() + Layouts.FS_DEV_BSIZE);
    }

    /** Metadata address of the root directory (unsigned). */
    public long rootInode() {
        return Mem.i64(self.address() + Layouts.FS_ROOT_INUM);
    }

    public long firstInode() {
        return Mem.i64(self.address() + Layouts.FS_FIRST_INUM);
    }

    /** The last metadata address; libtsk puts the virtual {@code $OrphanFiles} directory here. */
    public long lastInode() {
        return Mem.i64(self.address() + Layouts.FS_LAST_INUM);
    }

    public long inodeCount() {
        return Mem.i64(self.address() + Layouts.FS_INUM_COUNT);
    }

    public boolean hasNanoseconds() {
        return (Mem.i32(self.address() + Layouts.FS_FLAGS) & FLAG_HAVE_NANOSEC) != 0;
    }

    /** The volume label's raw bytes without padding, empty when there is none; read once, on first use. */
    public byte[] label() {
        if (label == null) {
            label = Labels.read(this);
        }
        return label.clone();
    }

    /** The file system's UUID or serial number as libtsk read it, or {@code null} when it records none. */
    public VolumeId volumeId() {
        long used = Mem.i64(self.address() + Layouts.FS_ID_USED);
        int n = (int) Math.max(0, Math.min(used, Layouts.FS_ID_BYTES));
        byte[] id = new byte[n];
        if (n > 0) {
            Mem.copy(self.address() + Layouts.FS_ID, id, 0, n);
        }
        return VolumeId.of(type, id);
    }

    /** libtsk's current error as a failure of this file system, naming the image and the file system's offset. */
    TskException failure(String what) {
        return TskException.fromLibtsk(
                ExhibitException.Kind.EVIDENCE, image.path().toString(), "file system", byteOffset, what);
    }

    @Override
    public void close() {
        arena.close();
    }
}
