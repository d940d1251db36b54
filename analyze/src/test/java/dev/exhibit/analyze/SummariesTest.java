package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SummariesTest {
    private static final Invocation INVOCATION = Invocation.of("exhibit", List.of("analyze", "x"));

    @TempDir
    Path tmp;

    static ObjectNode build(String name) throws Exception {
        return Summaries.build(TestImages.get(name), INVOCATION, true, Map.of(), Map.of(), FileListing.Progress.NONE);
    }

    /** The fields the report module reads (report's AnalysisFixture), with the values mmls and the recipes give. */
    @ParameterizedTest
    @ValueSource(strings = {"mbr", "gpt", "e01", "vmdk"})
    void build_hasTheShapeTheReportReads(String name) throws Exception {
        Unchanged before = Unchanged.of(TestImages.segments(name));
        ObjectNode s = build(name);
        before.verify();
        assertThat(s.path("type").asText()).isEqualTo("exhibit.analysis-summary");
        assertThat(s.path("version").asInt()).isEqualTo(2);
        assertThat(s.path("invocation").path("commandLine").asText()).isEqualTo("exhibit analyze x");
        JsonNode image = s.path("image");
        assertThat(Path.of(image.path("path").asText())).isAbsolute();
        assertThat(image.path("format").asText()).isNotEmpty();
        assertThat(image.path("mediaBytes").asLong())
                .isEqualTo(TestImages.facts(name).path("media_size_bytes").asLong());
        assertThat(image.path("sectorSizeBytes").asInt()).isEqualTo(512);
        assertThat(s.path("warnings").isArray()).isTrue();
        assertThat(s.path("problems")).isEmpty();

        JsonNode vs = s.path("volumeSystem");
        assertThat(vs.path("type").asText())
                .isEqualTo(TestImages.facts(name).path("volume_system").asText());
        assertThat(vs.path("byteOffset").asLong()).isZero();
        assertThat(vs.path("blockSizeBytes").asInt()).isEqualTo(512);
        List<Tsk.MmlsRow> mmls = Tsk.mmls(TestImages.get(name));
        assertThat(vs.path("partitions")).hasSize(mmls.size());
        for (int i = 0; i < mmls.size(); i++) {
            JsonNode p = vs.path("partitions").get(i);
            Tsk.MmlsRow row = mmls.get(i);
            assertThat(p.path("address").asInt()).isEqualTo(i);
            assertThat(p.path("slot").asText()).isEqualTo(row.slot());
            assertThat(p.path("startSector").asLong()).isEqualTo(row.startSector());
            assertThat(p.path("endSector").asLong()).isEqualTo(row.endSector());
            assertThat(p.path("lengthSectors").asLong()).isEqualTo(row.lengthSectors());
            assertThat(p.path("byteOffset").asLong()).isEqualTo(row.startSector() * 512);
            assertThat(p.path("kind").asText()).isIn("partition", "table", "unallocated");
            assertThat(p.path("allocated").asBoolean())
                    .isEqualTo(p.path("kind").asText().equals("partition"));
            byte[] description =
                    Base64.getDecoder().decode(p.path("descriptionBytes").asText());
            assertThat(new String(description, StandardCharsets.ISO_8859_1).strip())
                    .isEqualTo(row.description());
        }

        List<JsonNode> facts = List.copyOf(listOf(TestImages.facts(name).path("file_systems")));
        assertThat(s.path("fileSystems")).hasSize(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            JsonNode fs = s.path("fileSystems").get(i);
            JsonNode f = facts.get(i);
            assertThat(fs.path("type").asText()).isEqualTo(f.path("type").asText());
            assertThat(fs.path("label").asText()).isEqualTo(f.path("label").asText());
            assertThat(fs.path("startSector").asLong())
                    .isEqualTo(f.path("start_sector").asLong());
            JsonNode partition = named(vs, fs.path("partition").asText());
            assertThat(partition.path("startSector").asLong())
                    .isEqualTo(fs.path("startSector").asLong());
            assertThat(fs.path("complete").asBoolean()).isTrue();
            assertThat(fs.path("blockSizeBytes").asInt()).isPositive();
            assertThat(fs.path("blockCount").asLong()).isPositive();
        }
        assertThat(Jcs.isCanonical(Jcs.canonicalBytes(s))).isTrue();
    }

    /**
     * Each partition carries the name Linux gives it and the identifiers its table records, as util-linux's sfdisk
     * reads them: GPT entry number, type and partition GUID and disk GUID; MBR entry, type byte, boot flag and disk
     * signature. Unallocated space and table metadata have no name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mbr", "gpt", "demo"})
    void build_namesAndIdentifiesEachPartitionAsSfdiskReadsIt(String name) throws Exception {
        JsonNode vs = build(name).path("volumeSystem");
        Sfdisk.Table sfdisk = Sfdisk.read(TestImages.get(name));
        int named = 0;
        for (JsonNode p : vs.path("partitions")) {
            java.util.Optional<Sfdisk.Part> linux = sfdisk.partitions().stream()
                    .filter(x -> x.start() == p.path("startSector").asLong()
                            && x.size() == p.path("lengthSectors").asLong())
                    .findFirst();
            if (linux.isEmpty()) {
                assertThat(p.path("name").isNull()).as(p.toString()).isTrue();
                continue;
            }
            named++;
            Sfdisk.Part x = linux.get();
            assertThat(p.path("name").asText()).isEqualTo(x.exhibitName());
            if (sfdisk.label().equals("gpt")) {
                assertThat(p.path("gpt").path("entry").asInt()).isEqualTo(x.number());
                assertThat(p.path("gpt").path("typeGuid").asText()).isEqualTo(x.type());
                assertThat(p.path("gpt").path("partitionGuid").asText()).isEqualTo(x.uuid());
                assertThat(p.path("mbr").isNull()).isTrue();
            } else {
                assertThat(p.path("mbr").path("type").asText()).isEqualTo(x.typeByte());
                assertThat(p.path("mbr").path("bootable").asBoolean()).isEqualTo(x.bootable());
                assertThat(p.path("mbr").path("entry").asInt()).isEqualTo(x.number() <= 4 ? x.number() : 1);
                assertThat(p.path("gpt").isNull()).isTrue();
            }
        }
        assertThat(named).isEqualTo(sfdisk.partitions().size());
        if (sfdisk.label().equals("gpt")) {
            assertThat(vs.path("diskGuid").asText()).isEqualTo(sfdisk.id());
            assertThat(vs.path("diskSignature").isNull()).isTrue();
        } else {
            assertThat(vs.path("diskSignature").asText()).isEqualTo(sfdisk.id());
            assertThat(vs.path("diskGuid").isNull()).isTrue();
        }
    }

    /** The text names what an examiner cites: GPT entry, type (with its name) and GUID; the disk's own GUID. */
    @Test
    void text_showsTheIdentifiersOfEachPartitionAndFileSystem() throws Exception {
        String text = Summaries.text(build("gpt"));
        Sfdisk.Table sfdisk = Sfdisk.read(TestImages.get("gpt"));
        assertThat(text).contains("Disk GUID: " + sfdisk.id());
        Sfdisk.Part efi = sfdisk.partitions().getFirst();
        assertThat(text)
                .contains("p1   GPT entry 1, name \"EFI system\", type " + efi.type() + " (EFI System)\n"
                        + "       partition GUID " + efi.uuid() + ", attributes 0x0000000000000000\n");
        assertThat(text).contains("p4 at sector 30720 (byte offset 15728640): exfat, label \"GPT-EXFAT\", serial ");
        String mbr = Summaries.text(build("mbr"));
        assertThat(mbr)
                .contains(
                        "Disk signature: " + Sfdisk.read(TestImages.get("mbr")).id())
                .contains("p3   MBR entry 3, type 0x05")
                .contains("p5   entry 1 of the extended boot record at sector 20480, type 0x07");
    }

    /** Each file system's UUID or volume serial number, written as blkid writes it (and Windows, for serials). */
    @ParameterizedTest
    @ValueSource(strings = {"mbr", "gpt", "fat12", "ext4", "ntfs", "exfat"})
    void build_givesEachFileSystemItsUuidOrSerialAsBlkidReadsIt(String name) throws Exception {
        JsonNode s = build(name);
        assertThat(s.path("fileSystems")).isNotEmpty();
        for (JsonNode fs : s.path("fileSystems")) {
            String blkid = dev.exhibit.testing.Proc.run(
                            "blkid",
                            "-p",
                            "-O",
                            fs.path("byteOffset").asText(),
                            "-s",
                            "UUID",
                            "-o",
                            "value",
                            TestImages.get(name).toString())
                    .ok()
                    .stdout()
                    .strip();
            assertThat(fs.path("volumeId").path("value").asText())
                    .as(fs.path("type").asText())
                    .isEqualTo(blkid);
            assertThat(fs.path("volumeId").path("kind").asText())
                    .isEqualTo(fs.path("type").asText().startsWith("ext") ? "uuid" : "serial");
        }
    }

    /** File counts agree with fls -r -p (one line per name on file systems without streams). */
    @ParameterizedTest
    @ValueSource(strings = {"fat12", "exfat", "ext4", "iso9660", "hostile"})
    void build_countsTheNamesFlsLists(String name) throws Exception {
        JsonNode files = build(name).path("fileSystems").get(0).path("files");
        List<Tsk.FlsEntry> fls = Tsk.fls(TestImages.get(name), 0, null);
        assertThat(files.path("entries").asLong()).isEqualTo(fls.size());
        assertThat(files.path("deleted").asLong())
                .isEqualTo(fls.stream().filter(Tsk.FlsEntry::deleted).count());
        assertThat(files.path("directories").asLong())
                .isEqualTo(fls.stream().filter(e -> e.type().equals("d/d")).count());
        assertThat(files.path("orphans").asLong())
                .isEqualTo(fls.stream()
                        .filter(e -> e.path().startsWith("$OrphanFiles/"))
                        .count());
    }

    /** Every row of mmls, column for column, behind the name Exhibit gives the partition (or "-"). */
    @Test
    void text_showsThePartitionTableAsMmlsPrintsItWithTheNames() throws Exception {
        String text = Summaries.text(build("mbr"));
        String mmls = Tsk.run("mmls", TestImages.get("mbr").toString()).ok().stdout();
        List<String> rows = mmls.lines().filter(l -> l.matches("\\d{3}:.*")).toList();
        assertThat(rows).hasSize(14);
        Sfdisk.Table sfdisk = Sfdisk.read(TestImages.get("mbr"));
        for (String row : rows) {
            Tsk.MmlsRow r = Tsk.mmls(TestImages.get("mbr")).get(Integer.parseInt(row.substring(0, 3)));
            // named: what Linux makes a device of (the extended partition too), nothing else
            String name = sfdisk.partitions().stream()
                    .filter(p -> p.start() == r.startSector() && p.size() == r.lengthSectors())
                    .map(Sfdisk.Part::exhibitName)
                    .findFirst()
                    .orElse("-");
            assertThat(text).contains(String.format("%-6s%s%n", name, row));
        }
        assertThat(text).contains("p1 at sector 2048").contains("label \"MBR-FAT16\"");
    }

    /** "1 symlink", not "1 symlinks": every count agrees with its noun (the demo's ext4 holds one symlink). */
    @Test
    void text_countsAgreeInNumber() throws Exception {
        String text = Summaries.text(build("demo"));
        assertThat(text).contains("1 symlink,").contains("1 deleted");
        assertThat(text)
                .doesNotContainPattern("\\b1 (entries|files|regular files|directories|symlinks|orphans|problems)\\b");
    }

    @Test
    void build_recordsDamageAndStillSummarisesTheRest() throws Exception {
        ObjectNode s = build("truncated");
        assertThat(s.path("fileSystems").size()).isGreaterThanOrEqualTo(1);
        assertThat(s.path("fileSystems").get(0).path("type").asText()).isEqualTo("fat16");
        JsonNode garbage = build("garbage");
        assertThat(garbage.path("volumeSystem").isNull()).isTrue();
        assertThat(garbage.path("fileSystems")).isEmpty();
        assertThat(garbage.path("problems").get(0).path("message").asText())
                .contains("byte offset 0")
                .contains("Possible encryption detected");
    }

    @Test
    void write_refusesToOverwrite() throws Exception {
        Path file = tmp.resolve("analysis.json");
        ObjectNode s = build("fat12");
        Summaries.write(s, file);
        assertThat(Jcs.isCanonical(Files.readAllBytes(file))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Summaries.write(s, file))
                .hasMessageContaining("exists");
    }

    private static JsonNode named(JsonNode vs, String name) {
        for (JsonNode p : vs.path("partitions")) {
            if (p.path("name").asText("").equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no partition named " + name + " in " + vs);
    }

    private static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
