package dev.exhibit.report.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.fixtures.AcquisitionFixture;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordBuilderTest {
    @TempDir
    Path tmp;

    private static JsonNode item(ObjectNode record) {
        return record.path("evidence").get(0);
    }

    private static JsonNode hash(JsonNode item, String scope, String alg) {
        for (JsonNode h : item.path("hashes")) {
            if (h.path("scope").asText().equals(scope)
                    && h.path("algorithm").asText().equals(alg)) {
                return h;
            }
        }
        throw new AssertionError("no " + scope + " " + alg + " hash in " + item.path("hashes"));
    }

    @Test
    void body_carriesTheImageHashesAsOracleToolsComputeThem() throws Exception {
        CaseFixture.Made m = CaseFixture.hostile(tmp.resolve("case"));
        CaseDirectory c = m.caseDir();
        ObjectNode record = RecordBuilder.body(c, RecordBuilder.Coverage.everything(c));
        Path image = m.acquisition().imageFiles().getFirst();
        JsonNode item = item(record);
        for (String tool : List.of("md5", "sha1", "sha256")) {
            String oracle =
                    Proc.firstField(Proc.run(tool + "sum", image.toString()).ok());
            JsonNode acquired = hash(item, "acquired", tool);
            assertThat(acquired.path("value").asText()).isEqualTo(oracle);
            assertThat(acquired.path("verdict").asText()).isEqualTo("match");
            assertThat(hash(item, "image-reread", tool).path("verdict").asText())
                    .isEqualTo("match");
            assertThat(hash(item, "source-reread", tool).path("verdict").asText())
                    .isEqualTo("match");
        }
        assertThat(item.path("acquisition").path("bytesAcquired").isIntegralNumber())
                .isTrue();
        assertThat(item.path("acquisition").path("bytesAcquired").asLong()).isEqualTo(Files.size(image));
        assertThat(item.path("acquisition").path("started").asText()).endsWith("Z");
        assertThat(item.path("acquisition").path("status").asText()).isEqualTo("complete");
        assertThat(item.path("badSectors").path("count").asLong()).isEqualTo(9);
        assertThat(item.path("badSectors")
                        .path("ranges")
                        .get(0)
                        .path("firstSector")
                        .asLong())
                .isEqualTo(100);
        assertThat(item.path("writeBlock").path("method").asText()).contains("BLKROSET");
        assertThat(item.path("identity").path("device").path("model").asText())
                .isEqualTo(dev.exhibit.report.fixtures.HostileNames.IMG_ONERROR);
        String analysisSha =
                Proc.firstField(Proc.run("sha256sum", m.analysis().toString()).ok());
        assertThat(item.path("analysis").path("sha256").asText()).isEqualTo(analysisSha);
        assertThat(Jcs.isCanonical(Jcs.canonicalBytes(record))).isTrue();
    }

    @Test
    void body_quotesTheHeadOfEveryChainedLog() throws Exception {
        CaseFixture.Made m = CaseFixture.hostile(tmp.resolve("case"));
        ObjectNode record = RecordBuilder.body(m.caseDir(), RecordBuilder.Coverage.everything(m.caseDir()));
        for (JsonNode l : record.path("logs")) {
            Path file = m.caseDir().root().resolve(l.path("file").asText());
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(l.path("records").asLong()).isEqualTo(lines.size());
            Path last = tmp.resolve("last");
            Files.writeString(last, lines.getLast(), StandardCharsets.UTF_8);
            assertThat(l.path("headHash").asText())
                    .isEqualTo(Proc.firstField(
                            Proc.run("sha256sum", last.toString()).ok()));
        }
        assertThat(record.path("logs")).hasSize(2);
        assertThat(record.path("custody").path("events")).hasSize(4);
        assertThat(record.path("commandLines").toString()).contains("exhibit acquire /dev/sdz");
    }

    @Test
    void body_describesAKilledAcquisitionAsIncompleteAndUnchecked() throws Exception {
        CaseFixture.Made m = CaseFixture.make(tmp.resolve("case"), new AcquisitionFixture().unfinished());
        JsonNode item = item(RecordBuilder.body(m.caseDir(), RecordBuilder.Coverage.everything(m.caseDir())));
        assertThat(item.path("acquisition").path("status").asText()).isEqualTo("incomplete");
        assertThat(item.path("acquisition").path("ended").isNull()).isTrue();
        assertThat(item.path("hashes")).isEmpty();
    }

    @Test
    void body_ofASplitImageListsEverySegmentWithItsHash() throws Exception {
        CaseFixture.Made m = CaseFixture.make(
                tmp.resolve("case"),
                new AcquisitionFixture().imageBytes(3 << 20).split(1 << 20));
        JsonNode segments = item(RecordBuilder.body(m.caseDir(), RecordBuilder.Coverage.everything(m.caseDir())))
                .path("image")
                .path("segments");
        assertThat(segments).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Path f = m.acquisition().imageFiles().get(i);
            assertThat(segments.get(i).path("file").asText())
                    .isEqualTo(f.getFileName().toString());
            assertThat(segments.get(i).path("sha256").asText())
                    .isEqualTo(
                            Proc.firstField(Proc.run("sha256sum", f.toString()).ok()));
        }
    }

    @Test
    void requireIntactChains_refusesToReportOverAnEditedAcquisitionLog() throws Exception {
        CaseFixture.Made m = CaseFixture.hostile(tmp.resolve("case"));
        Path log = m.acquisition().log();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(4, lines.get(4).replace("\"lengthBytes\":", "\"lengthBytes\":1"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() ->
                        RecordBuilder.requireIntactChains(m.caseDir(), RecordBuilder.Coverage.everything(m.caseDir())))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("evidence/EV-001/acquisition.log.jsonl line 6");
    }
}
