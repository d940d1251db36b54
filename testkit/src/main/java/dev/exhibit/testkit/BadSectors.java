package dev.exhibit.testkit;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Sets of bad sector numbers (512-byte sectors) as written on a command line: comma-separated items, each a sector
 * {@code 3000}, an inclusive range {@code 2048-2055}, or {@code COUNT@random:SEED} for COUNT distinct sectors drawn
 * uniformly from the whole device with a seeded generator (the same seed gives the same sectors).
 */
public final class BadSectors {
    private BadSectors() {}

    public static NavigableSet<Long> parse(String spec, long sectorCount) {
        TreeSet<Long> bad = new TreeSet<>();
        for (String raw : spec.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            try {
                if (item.contains("@random:")) {
                    String[] parts = item.split("@random:", 2);
                    random(bad, Long.parseLong(parts[0]), Long.parseLong(parts[1]), sectorCount, item);
                } else if (item.indexOf('-', 1) > 0) {
                    int dash = item.indexOf('-', 1);
                    range(
                            bad,
                            Long.parseLong(item.substring(0, dash)),
                            Long.parseLong(item.substring(dash + 1)),
                            sectorCount,
                            item);
                } else {
                    long s = Long.parseLong(item);
                    range(bad, s, s, sectorCount, item);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "bad-sector item '" + item + "' is not N, FIRST-LAST or COUNT@random:SEED", e);
            }
        }
        return Collections.unmodifiableNavigableSet(bad);
    }

    private static void range(TreeSet<Long> bad, long first, long last, long sectorCount, String item) {
        if (first < 0 || last < first || last >= sectorCount) {
            throw new IllegalArgumentException("bad-sector item '" + item + "' is outside sectors 0-"
                    + (sectorCount - 1) + " or ends before it starts");
        }
        for (long s = first; s <= last; s++) {
            bad.add(s);
        }
    }

    private static void random(TreeSet<Long> bad, long count, long seed, long sectorCount, String item) {
        if (count < 0 || count > sectorCount) {
            throw new IllegalArgumentException(
                    "bad-sector item '" + item + "' asks for more sectors than the " + sectorCount + " there are");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int before = bad.size();
        while (bad.size() - before < count) {
            bad.add(random.nextLong(sectorCount));
        }
    }
}
