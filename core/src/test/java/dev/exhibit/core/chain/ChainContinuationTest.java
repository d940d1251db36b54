package dev.exhibit.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainContinuationTest {
    @TempDir
    Path dir;

    private Path log(int records) throws IOException {
        Path log = dir.resolve("log.jsonl");
        try (ChainedLog l = ChainedLog.create(log)) {
            for (int i = 0; i < records; i++) {
                ObjectNode body = Jcs.object();
                body.put("n", i);
                l.append("event", body, true);
            }
        }
        return log;
    }

    /** What two unlocked appenders did: both chained a line to the same head, so two lines carry the same seq. */
    private static void fork(Path log) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        String twin = lines.getLast().replace("\"n\":", "\"twin\":true,\"n\":");
        ObjectNode twinRecord = (ObjectNode) Jcs.mapper().readTree(twin);
        lines.add(Jcs.canonicalString(twinRecord));
        Files.write(log, lines, StandardCharsets.UTF_8);
    }

    private static ObjectNode why(String reason) {
        ObjectNode body = Jcs.object();
        body.put("reason", reason);
        return body;
    }

    @Test
    void continueAfterBreak_acknowledgesAForkAndLetsTheLogGrowAgain() throws IOException {
        Path log = log(4);
        fork(log);
        ChainReport broken = ChainVerifier.verify(log, e -> {});
        assertThat(broken.intact()).isFalse();
        assertThat(broken.problems()).extracting(ChainReport.Problem::line).containsOnly(5L);
        assertThatThrownBy(() -> ChainedLog.reopen(log).close()).isInstanceOf(ExhibitException.class);
        List<String> asFound = Files.readAllLines(log, StandardCharsets.UTF_8);

        ChainReport.Continuation c = ChainedLog.continueAfterBreak(log, why("two appends at once, before locking"));

        assertThat(c.line()).isEqualTo(6);
        assertThat(c.acknowledged()).extracting(ChainReport.Problem::line).containsOnly(5L);
        assertThat(c.reason()).isEqualTo("two appends at once, before locking");
        try (ChainedLog l = ChainedLog.reopen(log)) {
            l.append("event", Jcs.object(), true);
        }
        ChainReport after = ChainVerifier.verify(log, e -> {});
        assertThat(after.intact()).isTrue();
        assertThat(after.continued()).isTrue();
        assertThat(after.records()).isEqualTo(7);
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8).subList(0, 5))
                .as("history is kept as it was")
                .isEqualTo(asFound);
    }

    @Test
    void continuation_doesNotCoverALineChangedAfterIt() throws IOException {
        Path log = log(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"n\":1", "\"n\":9"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        ChainedLog.continueAfterBreak(log, why("line 2 was edited by hand"));
        assertThat(ChainVerifier.verify(log, e -> {}).intact()).isTrue();

        lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"n\":9", "\"n\":7"));
        Files.write(log, lines, StandardCharsets.UTF_8);

        ChainReport again = ChainVerifier.verify(log, e -> {});
        assertThat(again.intact()).isFalse();
        assertThat(again.problems()).extracting(ChainReport.Problem::line).containsExactly(3L);
    }

    /**
     * A head hash quoted for the first N lines vouches for them only if nothing below it broke: a line edited under it
     * leaves line N hashing as quoted, and a continuation written after line N does not make the edit part of what was
     * quoted. A continuation among the N lines does: the quoted head covers it, and it pins both sides of the break.
     */
    @Test
    void breakWithin_namesABreakUnderAHeadThatOnlyALaterContinuationAcknowledges() throws IOException {
        Path log = log(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"n\":1", "\"n\":9"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertThat(ChainVerifier.verify(log, e -> {}).breakWithin(4))
                .hasValueSatisfying(s -> assertThat(s).contains("broken at line 3"));

        ChainedLog.continueAfterBreak(log, why("line 2 was edited by hand"));
        try (ChainedLog l = ChainedLog.reopen(log)) {
            l.append("event", Jcs.object(), true);
        }
        ChainReport continued = ChainVerifier.verify(log, e -> {});

        assertThat(continued.breakWithin(4))
                .hasValueSatisfying(
                        s -> assertThat(s).contains("broken at line 3").contains("line 5"));
        assertThat(continued.breakWithin(2)).isEmpty();
        assertThat(continued.breakWithin(5)).isEmpty();
        assertThat(continued.breakWithin(6)).isEmpty();
    }

    @Test
    void continueAfterBreak_refusesAnIntactChain() throws IOException {
        Path log = log(2);
        assertThatThrownBy(() -> ChainedLog.continueAfterBreak(log, why("nothing wrong")))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("no unacknowledged break");
        assertThat(Files.readAllLines(log)).hasSize(2);
    }

    @Test
    void append_refusesToWriteAContinuationRecordItself() throws IOException {
        Path log = log(1);
        try (ChainedLog l = ChainedLog.reopen(log)) {
            assertThatThrownBy(() -> l.append("chain-continued", why("forged"), true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
