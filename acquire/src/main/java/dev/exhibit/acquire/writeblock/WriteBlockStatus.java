package dev.exhibit.acquire.writeblock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Times;
import dev.exhibit.core.json.Jcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-block state of a source device, as checked at one moment: the kernel read-only flag of every device node
 * that overlaps the source (its disk, the source itself, and for a disk all its partitions), and everything that uses
 * those nodes in a way that could write.
 *
 * @param device the source as given
 * @param disk the whole disk it belongs to ({@code /dev/sdb})
 * @param method how writes are blocked: {@value WriteBlockCheck#METHOD}
 * @param nodes the checked device nodes, disk first
 * @param uses mounts, swap, holders and loop devices on those nodes; empty when nothing uses them
 * @param checked when the check ran
 */
public record WriteBlockStatus(
        String device, String disk, String method, List<NodeState> nodes, List<Use> uses, Instant checked) {

    public WriteBlockStatus {
        nodes = List.copyOf(nodes);
        uses = List.copyOf(uses);
    }

    /**
     * The read-only flag of one node, as the BLKROGET ioctl and {@code /sys/class/block/NAME/ro} report it.
     *
     * @param node e.g. {@code /dev/sdb1}
     * @param devNumber {@code MAJOR:MINOR}
     */
    public record NodeState(String node, String devNumber, boolean readOnly, boolean sysfsReadOnly) {}

    /**
     * One use of a node that could write to it.
     *
     * @param kind {@code mounted}, {@code swap}, {@code holder} or {@code loop}
     * @param where the mount point, or the holder or loop device
     */
    public record Use(String node, String kind, String where, String detail) {}

    /** Whether every node has the read-only flag set, by both the ioctl and sysfs. */
    public boolean readOnly() {
        return nodes.stream().allMatch(n -> n.readOnly() && n.sysfsReadOnly());
    }

    /** Whether a file system on a node is mounted. */
    public boolean mounted() {
        return uses.stream().anyMatch(u -> u.kind().equals("mounted"));
    }

    /** Whether nothing may write: every node read-only and nothing using them. */
    public boolean blocked() {
        return readOnly() && uses.isEmpty();
    }

    /** Why the device is not write-blocked, one line each; empty when it is. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (NodeState n : nodes) {
            if (!n.readOnly() || !n.sysfsReadOnly()) {
                problems.add("the kernel read-only flag is off on " + n.node());
            }
        }
        for (Use u : uses) {
            problems.add(
                    switch (u.kind()) {
                        case "mounted" ->
                            u.node() + " is mounted at " + u.where() + " ("
                                    + u.detail().split(" ")[0] + ")";
                        case "swap" -> u.node() + " is active swap";
                        case "holder" -> u.node() + " is held by " + u.where() + " (" + u.detail() + ")";
                        default -> u.node() + " backs the loop device " + u.where();
                    });
        }
        return problems;
    }

    /** The acquisition log's {@code writeBlock} object (and the {@code writeblock-check} record's fields). */
    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("device", device);
        n.put("disk", disk);
        n.put("method", method);
        n.put("readOnly", readOnly());
        n.put("readOnlyFlag", readOnly());
        n.put("mounted", mounted());
        n.put("checked", Times.utc(checked));
        ArrayNode ns = n.putArray("nodes");
        for (NodeState s : nodes) {
            ObjectNode o = ns.addObject();
            o.put("node", s.node());
            o.put("devNumber", s.devNumber());
            o.put("readOnly", s.readOnly());
            o.put("sysfsReadOnly", s.sysfsReadOnly());
        }
        ArrayNode us = n.putArray("uses");
        for (Use u : uses) {
            ObjectNode o = us.addObject();
            o.put("node", u.node());
            o.put("kind", u.kind());
            o.put("where", u.where());
            o.put("detail", u.detail());
        }
        return n;
    }
}
