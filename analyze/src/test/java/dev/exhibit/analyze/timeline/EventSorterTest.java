package dev.exhibit.analyze.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSorterTest {
    /** Tiny chunks and a fan-in of 3: hundreds of runs, merged in several passes. */
    private static final EventSorter.Limits TINY = new EventSorter.Limits(4096, 50, 3, 512);

    @TempDir
    Path tmp;

    record Event(long seconds, int nanos, int index) {}

    @Test
    void drain_ordersByTime_keepsTheOrderOfEqualTimes_acrossRunsAndMergePasses() throws IOException {
        SplittableRandom random = new SplittableRandom(20261207);
        List<Event> added = new ArrayList<>();
        List<Event> drained = new ArrayList<>();
        Path work;
        try (EventSorter sorter = new EventSorter(TINY, tmp.resolve("spill"))) {
            for (int i = 0; i < 20_000; i++) {
                // few distinct instants, so that many are equal; seconds of any sign and size
                long s = switch (random.nextInt(4)) {
                    case 0 -> random.nextLong(-3, 3);
                    case 1 -> random.nextLong();
                    default -> 1_700_000_000L + random.nextInt(50);
                };
                int ns = random.nextBoolean() ? 0 : random.nextInt(3) * 333_333_333;
                added.add(new Event(s, ns, i));
                byte[] payload = payload(i);
                sorter.add(
                        s,
                        ns,
                        i % 16,
                        i % 3,
                        payload,
                        Integer.BYTES + LineRecord.PAYLOAD,
                        payload.length - Integer.BYTES - LineRecord.PAYLOAD);
            }
            work = sorter.workDirectory();
            assertThat(work).isDirectory();
            sorter.drain(row -> {
                int index = Integer.parseInt(
                        new String(row.buf, row.pathAt(), row.pathLength(), StandardCharsets.US_ASCII));
                assertThat(row.macb).isEqualTo(index % 16);
                assertThat(row.image).isEqualTo(index % 3);
                drained.add(new Event(row.seconds, row.nanos, index));
            });
            assertThat(sorter.count()).isEqualTo(20_000);
        }
        List<Event> expected = new ArrayList<>(added);
        expected.sort((a, b) -> a.seconds() != b.seconds()
                ? Long.compare(a.seconds(), b.seconds())
                : Integer.compare(a.nanos(), b.nanos()));
        assertThat(drained).containsExactlyElementsOf(expected);
        assertThat(work).doesNotExist();
        assertThat(tmp.resolve("spill")).isEmptyDirectory();
    }

    @Test
    void drain_ofWhatFitsOneChunk_neverTouchesTheDisk() throws IOException {
        List<Long> drained = new ArrayList<>();
        try (EventSorter sorter = new EventSorter(EventSorter.Limits.forHeap(64 << 20), tmp.resolve("spill"))) {
            for (int i = 0; i < 1000; i++) {
                byte[] payload = payload(i);
                sorter.add(
                        1000 - i,
                        0,
                        1,
                        0,
                        payload,
                        Integer.BYTES + LineRecord.PAYLOAD,
                        payload.length - Integer.BYTES - LineRecord.PAYLOAD);
            }
            sorter.drain(row -> drained.add(row.seconds));
            assertThat(sorter.workDirectory()).isNull();
        }
        assertThat(drained).hasSize(1000).isSorted();
        assertThat(Files.exists(tmp.resolve("spill"))).isFalse();
    }

    /** A line record whose path is {@code index} in decimal. */
    static byte[] payload(int index) {
        byte[] path = Integer.toString(index).getBytes(StandardCharsets.US_ASCII);
        LineRecord.Builder b = new LineRecord.Builder()
                .start(0, LineRecord.ALLOCATED, index, 0, 0)
                .shortText(new byte[0])
                .shortText(new byte[] {'1', '2'})
                .shortText("r/rrw-r--r--".getBytes(StandardCharsets.US_ASCII))
                .text(path, 0, path.length)
                .text(path, 0, 0)
                .text(path, 0, 0);
        b.finish();
        return java.util.Arrays.copyOf(b.array(), b.length());
    }
}
