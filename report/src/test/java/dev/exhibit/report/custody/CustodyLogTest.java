package dev.exhibit.report.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.CaseInfo;
import dev.exhibit.report.fixtures.CaseFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustodyLogTest {
    @TempDir
    Path tmp;

    private CaseDirectory newCase() throws Exception {
        return CaseDirectory.init(
                tmp.resolve("case"),
                new CaseInfo("1", "t", List.of(new CaseInfo.Examiner("J", null))),
                CaseFixture.invocation());
    }

    static CustodyEvent transfer(String location) {
        return new CustodyEvent(
                CustodyEventType.TRANSFER, "EV-1", "A", "B", location, "exam", null, null, EventTime.now());
    }

    @Test
    void append_keepsEveryFieldAndNullsForOptionalOnes() throws Exception {
        CaseDirectory c = newCase();
        EventTime at = EventTime.parse("2026-11-20T10:15:00+01:00", Instant.parse("2026-11-21T00:00:00Z"));
        c.custody()
                .append(
                        new CustodyEvent(CustodyEventType.SEIZE, "EV-1", "S", "O", "L", "P", "S-1", null, at),
                        CaseFixture.invocation("custody"));
        JsonNode e = c.custody().read().entries().get(1).record();
        assertThat(e.path("type").asText()).isEqualTo("seize");
        assertThat(e.path("at").asText()).isEqualTo("2026-11-20T09:15:00.000000Z");
        assertThat(e.path("atAsGiven").asText()).isEqualTo("2026-11-20T10:15:00+01:00");
        assertThat(e.path("seal").asText()).isEqualTo("S-1");
        assertThat(e.has("condition")).isTrue();
        assertThat(e.get("condition").isNull()).isTrue();
        assertThat(e.path("invocation").path("commandLine").asText()).isEqualTo("exhibit custody");
    }

    @Test
    void read_namesTheLineAfterAnEditedEvent() throws Exception {
        CaseDirectory c = newCase();
        c.custody().append(transfer("Room 1"), CaseFixture.invocation());
        c.custody().append(transfer("Room 2"), CaseFixture.invocation());
        Path log = c.custody().file();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("Room 1", "Room 9"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        CustodyLog.Listing l = c.custody().read();
        assertThat(l.chain().intact()).isFalse();
        assertThat(l.chain().problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test
    void append_refusesToExtendABrokenChain() throws Exception {
        CaseDirectory c = newCase();
        c.custody().append(transfer("Room 1"), CaseFixture.invocation());
        Path log = c.custody().file();
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.removeFirst();
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> c.custody().append(transfer("Room 2"), CaseFixture.invocation()))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("chain broken at line 1");
    }

    @Test
    void append_fromManyThreadsKeepsOneChain() throws Exception {
        CaseDirectory c = newCase();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        c.custody().append(transfer("room " + id + "." + i), CaseFixture.invocation());
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        CustodyLog.Listing l = c.custody().read();
        assertThat(l.chain().problems()).isEmpty();
        assertThat(l.entries()).hasSize(41);
    }

    @Test
    void eventTime_requiresAZoneAndConvertsOffsetsToUtc() {
        Instant now = Instant.parse("2026-11-21T13:00:00Z");
        assertThat(EventTime.parse("2026-11-21T13:40:00+01:00", now).utcText())
                .isEqualTo("2026-11-21T12:40:00.000000Z");
        assertThat(EventTime.parse("2026-11-21T11:40:00Z", now).asGiven()).isNull();
        assertThatThrownBy(() -> EventTime.parse("2026-11-21T11:40:00", now)).hasMessageContaining("zone");
        assertThatThrownBy(() -> EventTime.parse("21.11.2026 11:40", now)).hasMessageContaining("zone");
        assertThatThrownBy(() -> EventTime.parse("2026-11-22T11:40:00Z", now)).hasMessageContaining("future");
    }

    @Test
    void event_rejectsTypesExhibitWritesItself() {
        assertThatThrownBy(() -> new CustodyEvent(
                        CustodyEventType.REPORT, "EV-1", "A", "B", "L", "P", null, null, EventTime.now()))
                .hasMessageContaining("written by Exhibit");
    }
}
