package dev.exhibit.report.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.report.casefile.AnalysisDirectory;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record's {@code analysisFiles} and {@code hashSets}, from files published the way the commands publish them. */
class KeptAnalysesTest {
    @TempDir
    Path tmp;

    @Test
    void body_carriesEachKeptFileWithItsSha256_andOnlyTheFilesARecordCovers() throws IOException {
        CaseDirectory c = CaseFixture.hostile(tmp.resolve("case")).caseDir();
        AnalysisDirectory a = AnalysisDirectory.forWriting(c.root(), CaseFixture.ITEM);
        publish(a, AnalysisDirectory.FILES, "{\"path\":\"/x\"}\n");
        publish(a, AnalysisDirectory.HASHSETS, "{\"counts\":{\"notableStreams\":0},\"notable\":[]}");

        JsonNode item = RecordBuilder.body(c, RecordBuilder.Coverage.everything(c))
                .path("evidence")
                .path(0);

        assertThat(item.path("analysisFiles").findValuesAsText("sha256"))
                .containsExactly(
                        sha256sum(a.directory().resolve(AnalysisDirectory.FILES)),
                        sha256sum(a.directory().resolve(AnalysisDirectory.HASHSETS)));
        assertThat(item.at("/hashSets/counts/notableStreams").asInt()).isZero();
        var older = new RecordBuilder.Coverage(
                Map.of(), List.of(CaseFixture.ITEM), Map.of(CaseFixture.ITEM, List.of(AnalysisDirectory.FILES)));
        JsonNode covered = RecordBuilder.body(c, older).path("evidence").path(0);
        assertThat(covered.path("analysisFiles")).hasSize(1);
        assertThat(covered.path("hashSets").isNull()).isTrue();
        JsonNode before = RecordBuilder.body(
                        c, new RecordBuilder.Coverage(Map.of(), List.of(CaseFixture.ITEM), Map.of()))
                .path("evidence")
                .path(0);
        assertThat(before.has("analysisFiles"))
                .as("a record of an earlier build")
                .isFalse();
    }

    @Test
    void requireIntactChains_refusesAFileChangedSinceItsManifest_andAManifestNamingAFileOutside() throws IOException {
        CaseDirectory c = CaseFixture.hostile(tmp.resolve("case")).caseDir();
        AnalysisDirectory a = AnalysisDirectory.forWriting(c.root(), CaseFixture.ITEM);
        publish(a, AnalysisDirectory.FILES, "{\"path\":\"/x\"}\n");
        Files.writeString(a.directory().resolve(AnalysisDirectory.FILES), "{\"path\":\"/y\"}\n");

        assertThatThrownBy(() -> RecordBuilder.requireIntactChains(c, RecordBuilder.Coverage.everything(c)))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("evidence/EV-001/analysis/files.jsonl has SHA-256 ")
                .hasMessageContaining("but manifest.json recorded");

        Path manifest = a.directory().resolve(AnalysisDirectory.MANIFEST);
        Files.writeString(
                manifest, Files.readString(manifest).replace("\"files.jsonl\"", "\"../acquisition.log.jsonl\""));
        assertThatThrownBy(() -> RecordBuilder.body(c, RecordBuilder.Coverage.everything(c)))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("names ../acquisition.log.jsonl, which is not in evidence/EV-001/analysis");
    }

    @Test
    void publish_neverReplacesAKeptFile() throws IOException {
        CaseDirectory c = CaseFixture.hostile(tmp.resolve("case")).caseDir();
        AnalysisDirectory a = AnalysisDirectory.forWriting(c.root(), CaseFixture.ITEM);
        publish(a, AnalysisDirectory.TIMELINE, "first\n");
        Path second = a.temporary(AnalysisDirectory.TIMELINE);
        Files.writeString(second, "second\n");

        assertThatThrownBy(() -> a.publish(AnalysisDirectory.TIMELINE, second, CaseFixture.invocation()))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("timeline.jsonl exists");
        assertThat(a.directory().resolve(AnalysisDirectory.TIMELINE)).hasContent("first\n");
        assertThat(second).doesNotExist();
    }

    private static void publish(AnalysisDirectory a, String name, String content) throws IOException {
        Path part = a.temporary(name);
        Files.writeString(part, content);
        a.publish(name, part, CaseFixture.invocation("analyze", "files"));
    }

    private static String sha256sum(Path file) {
        return Proc.firstField(Proc.run("sha256sum", file.toString()).ok());
    }
}
