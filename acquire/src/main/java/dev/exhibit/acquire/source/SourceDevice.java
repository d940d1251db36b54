package dev.exhibit.acquire.source;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import dev.exhibit.image.ContainerFormat;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.ewf.EwfInfo;
import dev.exhibit.image.ewf.EwfReader;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The evidence being acquired: a block device or a regular file, only ever opened read-only. Reads report the exact
 * errno and byte offset of a failure. {@link #readDirect} bypasses the page cache, so that a sector re-read after an
 * error is really read from the medium and not served from, or hidden by, a cached neighbour.
 *
 * <p>A regular file that is the first segment of an E01 set is read as the media it holds, through Exhibit's own E01
 * reader: acquiring it converts it (to raw or to a new E01), and its stored hashes can be compared with the media's.
 */
public final class SourceDevice implements AutoCloseable {
    /** The sector size assumed for a regular file, which has none of its own. */
    public static final int ASSUMED_SECTOR_BYTES = 512;

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;

    private final Path path;
    private final Path realPath;
    private final boolean blockDevice;
    private final long sizeBytes;
    private final int logicalSectorBytes;
    private final int physicalSectorBytes;
    private final NativeFd fd;
    private final MediaReader container;
    private NativeFd directFd;
    private boolean directUnavailable;

    private SourceDevice(
            Path path,
            Path realPath,
            boolean blockDevice,
            long sizeBytes,
            int logical,
            int physical,
            NativeFd fd,
            MediaReader container) {
        this.path = path;
        this.realPath = realPath;
        this.blockDevice = blockDevice;
        this.sizeBytes = sizeBytes;
        this.logicalSectorBytes = logical;
        this.physicalSectorBytes = physical;
        this.fd = fd;
        this.container = container;
    }

    /**
     * Opens {@code path} read-only.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws ExhibitException USAGE for a directory or anything but a block device or regular file; ENVIRONMENT for an
     *     empty source
     */
    public static SourceDevice open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "source does not exist");
        }
        Path real = path.toRealPath();
        int type = ((Integer) Files.getAttribute(real, "unix:mode")) & S_IFMT;
        if (Files.isDirectory(real) && ContainerFormat.detect(real) == ContainerFormat.SPARSEBUNDLE) {
            MediaReader reader = ContainerSource.open(path, real, ContainerFormat.SPARSEBUNDLE);
            return new SourceDevice(
                    path, real, false, reader.sizeBytes(), reader.sectorBytes(), reader.sectorBytes(), null, reader);
        }
        if (Files.isDirectory(real)) {
            throw ExhibitException.usage(
                    "source " + path + " is a directory; give a disk (e.g. /dev/sdb) or an image" + " file");
        }
        if (type != S_IFBLK && type != S_IFREG) {
            throw ExhibitException.usage("source " + path + " is neither a block device nor a regular file (mode "
                    + Integer.toOctalString(type) + ")");
        }
        boolean block = type == S_IFBLK;
        ContainerFormat format = block ? ContainerFormat.RAW : ContainerSource.detect(real, Files.size(real));
        if (format != ContainerFormat.RAW && format.readInJava() || format == ContainerFormat.ENCRYPTED_DMG) {
            MediaReader reader = ContainerSource.open(path, real, format);
            return new SourceDevice(
                    path, real, false, reader.sizeBytes(), reader.sectorBytes(), reader.sectorBytes(), null, reader);
        }
        NativeFd fd;
        try {
            // O_EXCL on a block device claims it: the open fails if it is mounted or held by device-mapper or md,
            // and while we hold it nothing can mount it.
            fd = NativeFd.open(real, NativeFd.O_RDONLY | (block ? NativeFd.O_EXCL : 0));
        } catch (PosixException e) {
            if (block && e.errno() == NativeFd.EBUSY) {
                throw new ExhibitException(
                        ExhibitException.Kind.USAGE,
                        "source " + path + " is in use (mounted, or held by device-mapper, md or another program);"
                                + " unmount it first",
                        e);
            }
            throw e;
        }
        try {
            long size = block ? fd.ioctlGetLong(NativeFd.BLKGETSIZE64, "BLKGETSIZE64") : Files.size(real);
            int logical = block ? fd.ioctlGetInt(NativeFd.BLKSSZGET, "BLKSSZGET") : ASSUMED_SECTOR_BYTES;
            int physical = block ? fd.ioctlGetInt(NativeFd.BLKPBSZGET, "BLKPBSZGET") : ASSUMED_SECTOR_BYTES;
            if (size == 0) {
                throw new ExhibitException(
                        ExhibitException.Kind.ENVIRONMENT,
                        "source " + path + " is empty (0 bytes): "
                                + (block ? "no medium in the drive?" : "an empty" + " file") + "; nothing to acquire");
            }
            if (logical <= 0 || Integer.bitCount(logical) != 1) {
                throw new ExhibitException(
                        ExhibitException.Kind.ENVIRONMENT,
                        "source " + path + " reports a logical sector size of " + logical + " bytes; not a power of"
                                + " two");
            }
            return new SourceDevice(path, real, block, size, logical, physical, fd, null);
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** The path as given (a /dev/disk/by-id link stays readable in logs). */
    public Path path() {
        return path;
    }

    /** The path with links resolved, e.g. {@code /dev/sdb}. */
    public Path realPath() {
        return realPath;
    }

    public boolean isBlockDevice() {
        return blockDevice;
    }

    /**
     * {@code block-device}, {@code file}, or the container read through Exhibit's reader ({@code e01}, {@code dmg},
     * {@code qcow2}), as logs name the kind.
     */
    public String kind() {
        return blockDevice ? "block-device" : container != null ? container.format() : "file";
    }

    /** The container's reader when the source is an E01, a DMG or a QCOW2 (null for a device or a raw file). */
    public MediaReader container() {
        return container;
    }

    /** What an E01 source says about itself (case fields, stored hashes, error2), or null for any other source. */
    public EwfInfo ewfInfo() {
        return container instanceof EwfReader ewf ? ewf.info() : null;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public int logicalSectorBytes() {
        return logicalSectorBytes;
    }

    public int physicalSectorBytes() {
        return physicalSectorBytes;
    }

    /** Whether the sector sizes were asked of the device (true) or assumed for a regular file (false). */
    public boolean sectorSizesProbed() {
        return blockDevice;
    }

    /** Sectors of {@link #logicalSectorBytes()}, counting a last partial sector of a file as one. */
    public long sectorCount() {
        return (sizeBytes + logicalSectorBytes - 1) / logicalSectorBytes;
    }

    /**
     * Reads into {@code into} at {@code byteOffset} through the page cache. Returns how many bytes were read, which is
     * fewer than asked when the kernel read part of the range before an error or the source ends.
     *
     * @throws PosixException carrying errno (EIO for an unreadable sector) and the offset
     */
    public long read(MemorySegment into, long byteOffset) throws IOException {
        if (container != null) {
            return ContainerSource.read(container, path, into, byteOffset);
        }
        return fd.pread(into, byteOffset);
    }

    /**
     * Reads with direct I/O: {@code into}'s address, size and {@code byteOffset} must be multiples of the logical
     * sector size. Where the source refuses direct I/O (a file on tmpfs), reads through the page cache instead.
     */
    public long readDirect(MemorySegment into, long byteOffset) throws IOException {
        if (container != null) {
            return ContainerSource.read(container, path, into, byteOffset);
        }
        NativeFd d = direct();
        if (d == null) {
            return fd.pread(into, byteOffset);
        }
        try {
            return d.pread(into, byteOffset);
        } catch (PosixException e) {
            // A file system may want a coarser alignment than the caller chose: its bytes are the same buffered.
            if (blockDevice || e.errno() != NativeFd.EINVAL) {
                throw e;
            }
            synchronized (this) {
                directUnavailable = true;
            }
            return fd.pread(into, byteOffset);
        }
    }

    /** Whether {@link #readDirect} really bypasses the page cache on this source. */
    public boolean directIo() throws IOException {
        return direct() != null;
    }

    private synchronized NativeFd direct() throws IOException {
        if (directUnavailable || container != null) {
            return null;
        }
        if (directFd == null) {
            try {
                directFd = NativeFd.open(realPath, NativeFd.O_RDONLY | NativeFd.O_DIRECT);
            } catch (PosixException e) {
                if (e.errno() != NativeFd.EINVAL) {
                    throw e;
                }
                directUnavailable = true;
            }
        }
        return directFd;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (directFd != null) {
                directFd.close();
            }
        } finally {
            if (fd != null) {
                fd.close();
            }
            if (container != null) {
                container.close();
            }
        }
    }

    @Override
    public String toString() {
        return path + " (" + kind() + ", " + sizeBytes + " bytes)";
    }
}
