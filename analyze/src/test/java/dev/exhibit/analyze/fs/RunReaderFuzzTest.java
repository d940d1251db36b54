package dev.exhibit.analyze.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.analyze.tsk.Upcalls;
import dev.exhibit.testkit.TestImages;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The run-list reader given damaged run lists, as a hostile image can make libtsk parse them: a run's address,
 * length or flags, or the initialized size, changed in libtsk's own parsed attribute. Whenever the reader takes such a
 * stream, libtsk's walk of that very attribute succeeds and delivers the same bytes in the same pieces; otherwise
 * the reader leaves the stream to libtsk. Seeded, so a failure replays.
 */
class RunReaderFuzzTest {
    private static final FunctionDescriptor CALLBACK =
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS);

    private RunReaderTest.Collected walked;

    @Test
    void damagedRunLists_areReadAsLibtskWalksThemOrLeftToIt() throws Exception {
        Random random = new Random(20261208);
        int taken = 0;
        int left = 0;
        try (Image image = Image.open(TestImages.get("ntfs-runs"));
                FileSystem fs = FileSystem.open(image, 0);
                Arena arena = Arena.ofConfined();
                RunReader runs = RunReader.of(fs, arena)) {
            MemorySegment stub = Upcalls.stub(MethodHandles.lookup(), this, "onBlock", CALLBACK, arena);
            long lastBlock = Mem.i64(fs.segment().address() + Layouts.FS_LAST_BLOCK);
            for (int round = 0; round < 300; round++) {
                long file = Calls.streamOpen(fs.segment().address(), 64 + random.nextInt(4));
                try {
                    long attr = Calls.streamAttr(file, Attribute.NTFS_DATA, 2, true);
                    long size = Attribute.size(attr);
                    damage(attr, random, lastBlock, fs.blockSizeBytes());
                    walked = new RunReaderTest.Collected(fs.blockSizeBytes());
                    boolean failed = Calls.streamWalk(file, Attribute.NTFS_DATA, 2, 0, stub);
                    Calls.errorReset();
                    if (!runs.reads(attr, size)) {
                        left++;
                        continue;
                    }
                    RunReaderTest.Collected ours = new RunReaderTest.Collected(fs.blockSizeBytes());
                    assertThat(runs.read(attr, size, ours)).as("round " + round).isEqualTo(-1);
                    assertThat(failed)
                            .as("round " + round + ": libtsk's walk failed")
                            .isFalse();
                    assertThat(ours.bytes.toByteArray()).as("round " + round).isEqualTo(walked.bytes.toByteArray());
                    assertThat(ours.pieces()).as("round " + round).isEqualTo(walked.pieces());
                    taken++;
                } finally {
                    Calls.streamClose(file);
                }
            }
        }
        assertThat(taken).isGreaterThan(30);
        assertThat(left).isGreaterThan(30);
    }

    /** Changes one value of the attribute's run list, or its initialized size. */
    private static void damage(long attr, Random random, long lastBlock, int blockBytes) {
        List<Long> list = new ArrayList<>();
        for (long run = Mem.ptr(attr + Layouts.ATTR_RUN); run != 0; run = Mem.ptr(run + Layouts.RUN_NEXT)) {
            list.add(run);
        }
        MemorySegment all = Mem.ALL;
        long run = list.get(random.nextInt(list.size()));
        switch (random.nextInt(6)) {
            case 0 -> all.set(ValueLayout.JAVA_LONG, run + Layouts.RUN_ADDR, random.nextLong(-3, lastBlock + 4));
            case 1 -> all.set(ValueLayout.JAVA_LONG, run + Layouts.RUN_ADDR, random.nextLong());
            case 2 -> all.set(ValueLayout.JAVA_LONG, run + Layouts.RUN_LEN, random.nextLong(-2, 300));
            case 3 -> all.set(ValueLayout.JAVA_INT, run + Layouts.RUN_FLAGS, random.nextInt(8));
            case 4 -> all.set(ValueLayout.JAVA_LONG, attr + Layouts.ATTR_INITSIZE, random.nextLong(0, 1_000_000));
            // on a block boundary, where libtsk's walk says raw but delivers zeros
            default ->
                all.set(ValueLayout.JAVA_LONG, attr + Layouts.ATTR_INITSIZE, random.nextLong(0, 250) * blockBytes);
        }
    }

    /** libtsk's walk callback: collects what it delivers. */
    @SuppressWarnings("unused")
    private int onBlock(long file, long offset, long address, long data, long length, int flags, MemorySegment ptr) {
        try {
            walked.content(Mem.ALL.asSlice(data, length), offset, address, flags);
            return Upcalls.WALK_CONT;
        } catch (Throwable t) {
            return Upcalls.WALK_STOP;
        }
    }
}
