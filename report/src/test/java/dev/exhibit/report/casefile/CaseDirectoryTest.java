package dev.exhibit.report.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.custody.CustodyLog;
import dev.exhibit.report.fixtures.AcquisitionFixture;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseDirectoryTest {
    @TempDir
    Path tmp;

    private CaseDirectory newCase() throws Exception {
        return CaseDirectory.init(
                tmp.resolve("case"),
                new CaseInfo("2026-0042", "Test", List.of(new CaseInfo.Examiner("Jane", null))),
                CaseFixture.invocation("case", "init"));
    }

    @Test
    void init_writesTheLayoutAndAnchorsCaseJsonInTheCustodyLog() throws Exception {
        CaseDirectory c = newCase();
        Path root = c.root();
        assertThat(root.resolve("evidence")).isDirectory();
        assertThat(root.resolve("reports")).isDirectory();
        byte[] caseJson = Files.readAllBytes(root.resolve("case.json"));
        assertThat(Jcs.isCanonical(caseJson)).isTrue();
        String oracle = Proc.firstField(
                Proc.run("sha256sum", root.resolve("case.json").toString()).ok());
        CustodyLog.Listing l = c.custody().read();
        assertThat(l.chain().intact()).isTrue();
        JsonNode first = l.entries().getFirst().record();
        assertThat(first.path("type").asText()).isEqualTo("case-open");
        assertThat(first.path("caseFileSha256").asText()).isEqualTo(oracle);
        assertThat(CaseDirectory.open(root).info().caseNumber()).isEqualTo("2026-0042");
    }

    @Test
    void init_refusesANonEmptyDirectory() throws Exception {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> CaseDirectory.init(
                        dir,
                        new CaseInfo("1", "t", List.of(new CaseInfo.Examiner("J", null))),
                        CaseFixture.invocation()))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("not empty")
                .satisfies(e -> assertThat(((ExhibitException) e).kind()).isEqualTo(ExhibitException.Kind.USAGE));
    }

    @Test
    void open_namesTheMissingCaseFile() {
        assertThatThrownBy(() -> CaseDirectory.open(tmp)).hasMessageContaining("case.json is missing");
    }

    @Test
    void evidenceDirectory_refusesAnItemAlreadyAcquired() throws Exception {
        CaseDirectory c = newCase();
        Path dir = c.evidenceDirectory("EV-1");
        assertThat(c.evidenceDirectory("EV-1")).isEqualTo(dir);
        Files.writeString(dir.resolve("image.raw"), "x");
        assertThatThrownBy(() -> c.evidenceDirectory("EV-1")).hasMessageContaining("already acquired");
    }

    @Test
    void evidenceDirectory_rejectsIdsThatWouldLeaveTheCase() throws Exception {
        CaseDirectory c = newCase();
        for (String bad : List.of("../x", "a/b", ".hidden", "", "x".repeat(65), "EV\u202E1")) {
            assertThatThrownBy(() -> c.evidenceDirectory(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void recordAcquisition_bindsTheLogHeadIntoTheCustodyChain() throws Exception {
        CaseDirectory c = newCase();
        Path dir = c.evidenceDirectory("EV-1");
        AcquisitionFixture.Written w =
                new AcquisitionFixture().verified("image").writeTo(dir);
        CustodyLog.Appended a = c.recordAcquisition("EV-1", w.log(), CaseFixture.invocation("acquire"));
        List<String> lines = Files.readAllLines(w.log(), StandardCharsets.UTF_8);
        Path last = tmp.resolve("last-line");
        Files.writeString(last, lines.getLast(), StandardCharsets.UTF_8);
        String head = Proc.firstField(Proc.run("sha256sum", last.toString()).ok());
        JsonNode event = c.custody().read().entries().get((int) a.line() - 1).record();
        assertThat(event.path("type").asText()).isEqualTo("acquire");
        assertThat(event.path("logRecords").asLong()).isEqualTo(lines.size());
        assertThat(event.path("logHeadHash").asText()).isEqualTo(head);
        assertThat(event.path("hashes").path("sha256").asText())
                .isEqualTo(w.hashes().get("sha256"));
        assertThat(event.path("status").asText()).isEqualTo("complete");
    }

    @Test
    void recordAcquisition_refusesABrokenLogNamingTheLine() throws Exception {
        CaseDirectory c = newCase();
        Path dir = c.evidenceDirectory("EV-1");
        AcquisitionFixture.Written w = new AcquisitionFixture().writeTo(dir);
        List<String> lines = Files.readAllLines(w.log(), StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("Model X", "Model Y"));
        Files.write(w.log(), lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> c.recordAcquisition("EV-1", w.log(), CaseFixture.invocation()))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("line 3");
    }
}
