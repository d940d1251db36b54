package dev.exhibit.analyze.hashset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordSortTest {
    @Test
    void sort_ordersRecordsAsUnsignedBytes_likeSortingTheirHex() {
        Random random = new Random(51);
        for (int width : new int[] {16, 20, 32}) {
            for (int count : new int[] {0, 1, 23, 25, 1000, 70_000}) {
                byte[] data = new byte[count * width];
                random.nextBytes(data);
                // Repeats and shared prefixes, as real lists have.
                for (int i = 1; i < count; i += 7) {
                    System.arraycopy(data, (i - 1) * width, data, i * width, random.nextInt(width + 1));
                }
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    expected.add(HexFormat.of().formatHex(data, i * width, (i + 1) * width));
                }
                expected.sort(null);
                RecordSort.sort(data, count, width);
                List<String> sorted = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    sorted.add(HexFormat.of().formatHex(data, i * width, (i + 1) * width));
                }
                assertThat(sorted).as(count + " records of " + width).isEqualTo(expected);
            }
        }
    }

    @Test
    void sort_ofAllEqualRecords_finishes() {
        byte[] data = new byte[200_000 * 32];
        Arrays.fill(data, (byte) 0xAB);
        RecordSort.sort(data, 200_000, 32);
        assertThat(data).containsOnly((byte) 0xAB);
    }
}
