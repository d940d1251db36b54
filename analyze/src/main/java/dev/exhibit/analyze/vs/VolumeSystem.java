package dev.exhibit.analyze.vs;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partition table read by libtsk ({@code TSK_VS_INFO}): DOS/MBR with extended partitions, GPT, BSD, Sun, Mac. The
 * partitions are copied out when it opens, in libtsk's order (the order {@code mmls} prints). Close it before the
 * image.
 */
public final class VolumeSystem implements AutoCloseable {
    /** {@code TSK_ERR_VS_UNKTYPE}: libtsk found no partition table of any type it knows. */
    private static final int TSK_ERR_VS_UNKTYPE = 0x04000000;

    private static final int DETECT = 0;

    private final Arena arena;
    private final String type;
    private final String description;
    private final long byteOffset;
    private final int blockSizeBytes;
    private final List<Partition> partitions;
    private final String diskGuid;
    private final String diskSignature;

    private VolumeSystem(Image image, Arena arena, MemorySegment self) {
        this.arena = arena;
        long a = self.address();
        int vstype = Mem.i32(a + Layouts.VS_VSTYPE);
        this.type = Calls.vsTypeName(vstype);
        this.description = Calls.vsTypeDescription(vstype);
        this.byteOffset = Mem.i64(a + Layouts.VS_OFFSET);
        this.blockSizeBytes = Mem.i32(a + Layouts.VS_BLOCK_SIZE);
        int count = Mem.i32(a + Layouts.VS_PART_COUNT);
        List<Partition> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long p = Calls.vsPartGet(self, i);
            if (p != 0) {
                parts.add(Partition.read(p, blockSizeBytes));
            }
        }
        Identities.Result ids = Identities.read(image, type, byteOffset, blockSizeBytes, parts);
        this.partitions = ids.partitions();
        this.diskGuid = ids.diskGuid();
        this.diskSignature = ids.diskSignature();
    }

    /**
     * Looks for a partition table at a byte offset of the image. Empty when there is none: libtsk returns NULL without
     * an error for a bare file system, and "cannot determine partition type" when no table type matches.
     *
     * @throws TskException when a table is there but cannot be read (damaged, or matching two types)
     */
    public static Optional<VolumeSystem> open(Image image, long byteOffset) {
        Calls.errorReset();
        Arena arena = Arena.ofConfined();
        try {
            MemorySegment vs = Calls.vsOpen(image.segment(), byteOffset, DETECT);
            if (vs.address() == 0) {
                int errno = Calls.errorNumber();
                if (errno == 0 || errno == TSK_ERR_VS_UNKTYPE) {
                    Calls.errorReset();
                    arena.close();
                    return Optional.empty();
                }
                throw TskException.fromLibtsk(
                        ExhibitException.Kind.EVIDENCE,
                        image.path().toString(),
                        "partition table",
                        byteOffset,
                        "cannot read the partition table");
            }
            return Optional.of(
                    new VolumeSystem(image, arena, vs.reinterpret(Layouts.VS_INFO_BYTES, arena, Calls::vsClose)));
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** libtsk's short name: {@code dos}, {@code gpt}, {@code bsd}, {@code sun}, {@code mac}. */
    public String type() {
        return type;
    }

    /** libtsk's description, the first line {@code mmls} prints, e.g. {@code DOS Partition Table}. */
    public String description() {
        return description;
    }

    public long byteOffset() {
        return byteOffset;
    }

    /** Size of the table's sectors, the unit of every partition's start and length. */
    public int blockSizeBytes() {
        return blockSizeBytes;
    }

    /** Every entry libtsk lists: allocated partitions, table metadata and unallocated gaps. */
    public List<Partition> partitions() {
        return partitions;
    }

    /** The GPT disk GUID, or {@code null} for other tables or when the header could not be read. */
    public String diskGuid() {
        return diskGuid;
    }

    /** The MBR disk signature as fdisk prints it ({@code 0x45584842}), or {@code null}. */
    public String diskSignature() {
        return diskSignature;
    }

    /** The partition Exhibit names {@code name} ({@code p2}), if any. */
    public Optional<Partition> named(String name) {
        return partitions.stream().filter(p -> name.equals(p.name())).findFirst();
    }

    @Override
    public void close() {
        arena.close();
    }
}
