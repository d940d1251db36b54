package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.fs.VolumeId;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.analyze.vs.Partition;
import dev.exhibit.analyze.vs.PartitionIdentity;
import dev.exhibit.analyze.vs.VolumeSystem;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the analysis summary in this process (the sandbox worker runs it): type {@code exhibit.analysis-summary},
 * version 2, the shape docs/analyze.md documents and the report module reads. Damage is recorded, not thrown: a
 * partition without a readable file system becomes a problem and the rest of the image is still summarised.
 */
final class Summary {
    static final String TYPE = "exhibit.analysis-summary";
    static final int VERSION = 2;

    private Summary() {}

    /**
     * @param skipWalk targets (by index) whose walk crashed libtsk in an earlier attempt, with what happened: they
     *     are described but not walked again
     * @param skipOpen targets that crashed libtsk even without the walk: left out, with a problem
     */
    static ObjectNode build(
            Path imagePath,
            Invocation invocation,
            boolean orphans,
            Map<Integer, String> skipWalk,
            Map<Integer, String> skipOpen,
            FileListing.Progress progress)
            throws IOException {
        ObjectNode root = Jcs.object();
        root.put("type", TYPE);
        root.put("version", VERSION);
        root.set("invocation", invocation.toJson());
        ArrayNode warnings = root.putArray("warnings");
        ArrayNode problems = root.putArray("problems");
        ArrayNode fileSystems = Jcs.mapper().createArrayNode();
        try (Image image = Image.open(imagePath)) {
            ObjectNode imageNode = image(image);
            ContainerFacts.json(image).ifPresent(c -> imageNode.set("container", c));
            root.set("image", imageNode);
            image.warnings().forEach(warnings::add);
            Optional<VolumeSystem> vs = Optional.empty();
            try {
                vs = VolumeSystem.open(image, 0);
            } catch (TskException e) {
                problems.add(problem("partition table", 0, null, e.getMessage()));
            }
            if (vs.isPresent()) {
                try (VolumeSystem v = vs.get()) {
                    root.set("volumeSystem", volumeSystem(v));
                }
            } else {
                root.putNull("volumeSystem");
            }
            List<Target> targets = targets(image, vs.isPresent());
            progress.targets(targets.size());
            for (Target t : targets) {
                if (skipOpen.containsKey(t.index())) {
                    problems.add(problem("file system", t.byteOffset(), t.partitionName(), skipOpen.get(t.index())));
                    continue;
                }
                progress.target(t);
                fileSystem(image, t, orphans, skipWalk.get(t.index()), progress, fileSystems, problems, warnings);
            }
            image.readFailure().ifPresent(m -> problems.add(problem("image", 0, null, m)));
        }
        root.set("fileSystems", fileSystems);
        return root;
    }

    private static List<Target> targets(Image image, boolean hasVolumeSystem) {
        if (!hasVolumeSystem) {
            return List.of(new Target(0, null, 0, "/"));
        }
        return Selection.ALL.resolve(image);
    }

    private static void fileSystem(
            Image image,
            Target t,
            boolean orphans,
            String crashed,
            FileListing.Progress progress,
            ArrayNode fileSystems,
            ArrayNode problems,
            ArrayNode warnings)
            throws IOException {
        FileSystem fs;
        try {
            fs = FileSystem.open(image, t.byteOffset());
        } catch (TskException e) {
            problems.add(problem("file system", t.byteOffset(), t.partitionName(), e.getMessage()));
            return;
        }
        try (fs) {
            ObjectNode n = fileSystems.addObject();
            n.put("partition", t.partitionName());
            n.put("byteOffset", fs.byteOffset());
            n.put("startSector", fs.byteOffset() / image.sectorSizeBytes());
            n.put("type", fs.type().name());
            n.put("detection", fs.detection());
            if (!fs.detection().equals(FileSystem.AUTODETECTED)) {
                warnings.add(t.describe() + ": " + fs.detection());
            }
            byte[] label = fs.label();
            n.put("label", Display.of(label));
            n.put("labelBytes", Base64.getEncoder().encodeToString(label));
            n.set("volumeId", volumeId(fs.volumeId()));
            n.put("blockSizeBytes", fs.blockSizeBytes());
            n.put("blockCount", fs.blockCount());
            n.put("sizeBytes", fs.blockCount() * fs.blockSizeBytes());
            n.put("rootInode", Long.toUnsignedString(fs.rootInode()));
            n.put("firstInode", Long.toUnsignedString(fs.firstInode()));
            n.put("lastInode", Long.toUnsignedString(fs.lastInode()));
            n.put("nanosecondTimes", fs.hasNanoseconds());
            if (crashed != null) {
                n.put("complete", false);
                n.putNull("files");
                problems.add(problem("file system", fs.byteOffset(), t.partitionName(), crashed));
                return;
            }
            try {
                n.set("files", FileCounts.count(fs, orphans, progress).toJson(orphans));
                n.put("complete", true);
            } catch (TskException e) {
                n.put("complete", false);
                n.putNull("files");
                problems.add(problem("file system", fs.byteOffset(), t.partitionName(), e.getMessage()));
            }
        }
    }

    private static ObjectNode image(Image image) {
        ObjectNode n = Jcs.object();
        n.put("path", image.path().toAbsolutePath().normalize().toString());
        n.put("format", image.format().name());
        n.put("formatDescription", image.format().description());
        n.put("mediaBytes", image.sizeBytes());
        n.put("sectorSizeBytes", image.sectorSizeBytes());
        ArrayNode files = n.putArray("files");
        image.files().forEach(f -> files.add(f.toString()));
        return n;
    }

    private static ObjectNode volumeSystem(VolumeSystem vs) {
        ObjectNode n = Jcs.object();
        n.put("type", vs.type());
        n.put("description", vs.description());
        n.put("byteOffset", vs.byteOffset());
        n.put("blockSizeBytes", vs.blockSizeBytes());
        n.put("diskGuid", vs.diskGuid());
        n.put("diskSignature", vs.diskSignature());
        ArrayNode parts = n.putArray("partitions");
        for (Partition p : vs.partitions()) {
            ObjectNode o = parts.addObject();
            o.put("name", p.name());
            o.put("address", p.address());
            o.put("slot", p.slot());
            o.put("kind", p.kind());
            o.put("allocated", p.allocated());
            o.put("startSector", p.startSector());
            o.put("endSector", p.endSector());
            o.put("lengthSectors", p.lengthSectors());
            o.put("byteOffset", p.byteOffset());
            o.put("lengthBytes", p.lengthSectors() * p.sectorSizeBytes());
            o.put("tableNumber", p.tableNumber());
            o.put("slotNumber", p.slotNumber());
            o.put("description", Display.of(p.description()));
            o.put("descriptionBytes", Base64.getEncoder().encodeToString(p.description()));
            o.set("gpt", p.identity() instanceof PartitionIdentity.Gpt g ? gpt(g) : null);
            o.set("mbr", p.identity() instanceof PartitionIdentity.Mbr m ? mbr(m) : null);
        }
        return n;
    }

    private static ObjectNode gpt(PartitionIdentity.Gpt g) {
        ObjectNode o = Jcs.object();
        o.put("entry", g.entry());
        o.put("typeGuid", g.typeGuid());
        o.put("typeName", g.typeName());
        o.put("partitionGuid", g.partitionGuid());
        o.put("attributes", g.attributes());
        return o;
    }

    private static ObjectNode mbr(PartitionIdentity.Mbr m) {
        ObjectNode o = Jcs.object();
        o.put("table", m.table());
        o.put("tableSector", m.tableSector());
        o.put("entry", m.entry());
        o.put("type", m.type());
        o.put("bootable", m.bootable());
        return o;
    }

    private static ObjectNode volumeId(VolumeId id) {
        if (id == null) {
            return null;
        }
        ObjectNode o = Jcs.object();
        o.put("kind", id.kind());
        o.put("value", id.value());
        o.put("hex", id.hex());
        return o;
    }

    static ObjectNode problem(String structure, long byteOffset, String partition, String message) {
        ObjectNode n = Jcs.object();
        n.put("structure", structure);
        n.put("byteOffset", byteOffset);
        n.put("partition", partition);
        n.put("message", message);
        return n;
    }
}
