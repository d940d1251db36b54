package dev.exhibit.analyze.vs;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exhibit's one name for each partition: {@code p} and the number Linux gives it ({@code sda2} is {@code p2}), which
 * is also the number the table itself gives: the GPT entry number; for DOS the MBR entry (p1 to p4, the extended
 * partition included) and, for logical partitions, 5 on in the order of the extended boot records; for BSD, Sun and
 * Mac labels the entry's number. A partition whose number the table does not give is {@code m} and mmls's address
 * ({@code m8}). Unallocated space and table metadata have no name.
 */
final class PartitionNames {
    static final int FIRST_LOGICAL = 5;

    private PartitionNames() {}

    static Map<Long, String> assign(String vsType, List<Partition> parts, Map<Long, PartitionIdentity> identities) {
        Map<Long, String> names = new HashMap<>();
        Set<String> taken = new HashSet<>();
        if (vsType.equals("dos")) {
            for (Partition p : parts) {
                boolean primary = p.tableNumber() == 0 && p.slotNumber() >= 0 && p.slotNumber() < MbrSector.SLOTS;
                boolean extended = (p.flags() & Partition.FLAG_META) != 0;
                if (primary && (p.allocated() || extended)) {
                    name(names, taken, p, p.slotNumber() + 1);
                }
            }
            int next = FIRST_LOGICAL;
            List<Partition> logical = parts.stream()
                    .filter(p -> p.allocated() && p.tableNumber() > 0)
                    .sorted(Comparator.comparingInt(Partition::tableNumber).thenComparingInt(Partition::slotNumber))
                    .toList();
            for (Partition p : logical) {
                name(names, taken, p, next++);
            }
        } else {
            for (Partition p : parts) {
                if (!p.allocated()) {
                    continue;
                }
                if (identities.get(p.address()) instanceof PartitionIdentity.Gpt g) {
                    name(names, taken, p, g.entry());
                } else if (p.slotNumber() >= 0) {
                    name(names, taken, p, p.slotNumber() + 1);
                }
            }
        }
        for (Partition p : parts) {
            if (p.allocated() && !names.containsKey(p.address())) {
                names.put(p.address(), "m" + p.address());
            }
        }
        return names;
    }

    private static void name(Map<Long, String> names, Set<String> taken, Partition p, int number) {
        String name = "p" + number;
        if (taken.add(name)) {
            names.put(p.address(), name);
        }
    }
}
