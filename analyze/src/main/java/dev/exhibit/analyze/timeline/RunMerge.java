package dev.exhibit.analyze.timeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The k-way merge of sorted runs: a binary heap of the runs' current events, ordered by time and, for equal times,
 * by run (earlier runs hold earlier events), so the merge is stable like the sort of each run.
 */
final class RunMerge {
    private RunMerge() {}

    static void merge(List<Path> runs, int bufferBytes, EventSorter.RowSink sink) throws IOException {
        List<RunFile.Reader> readers = new ArrayList<>();
        try {
            for (Path p : runs) {
                readers.add(new RunFile.Reader(p, bufferBytes));
            }
            int[] heap = new int[readers.size()];
            int size = 0;
            for (int i = 0; i < readers.size(); i++) {
                if (readers.get(i).next()) {
                    heap[size++] = i;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                down(heap, size, i, readers);
            }
            while (size > 0) {
                RunFile.Reader top = readers.get(heap[0]);
                sink.accept(top.row);
                if (!top.next()) {
                    heap[0] = heap[--size];
                }
                down(heap, size, 0, readers);
            }
        } finally {
            for (RunFile.Reader r : readers) {
                r.close();
            }
        }
    }

    private static void down(int[] heap, int size, int i, List<RunFile.Reader> readers) {
        while (true) {
            int smallest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && before(heap[left], heap[smallest], readers)) {
                smallest = left;
            }
            if (right < size && before(heap[right], heap[smallest], readers)) {
                smallest = right;
            }
            if (smallest == i) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            i = smallest;
        }
    }

    private static boolean before(int a, int b, List<RunFile.Reader> readers) {
        Row x = readers.get(a).row;
        Row y = readers.get(b).row;
        if (x.seconds != y.seconds) {
            return x.seconds < y.seconds;
        }
        if (x.nanos != y.nanos) {
            return x.nanos < y.nanos;
        }
        return a < b;
    }
}
