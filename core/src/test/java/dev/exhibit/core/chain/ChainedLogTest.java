package dev.exhibit.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedLogTest {
    @TempDir
    Path dir;

    private Path writeLog(int records) throws IOException {
        Path log = dir.resolve("log.jsonl");
        try (ChainedLog l = ChainedLog.create(log)) {
            for (int i = 0; i < records; i++) {
                ObjectNode body = Jcs.object();
                body.put("n", i);
                body.put("note", "record <" + i + "> \u202e é");
                l.append("event", body, i % 2 == 0);
            }
        }
        return log;
    }

    @Test
    void append_chainsEachLineToTheSha256OfThePreviousLine_asSha256sumComputesIt() throws IOException {
        Path log = writeLog(3);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(Jcs.mapper().readTree(lines.get(0)).get("prev").asText()).isEqualTo(Sha256.ZERO);
        for (int i = 1; i < 3; i++) {
            Path single = dir.resolve("line" + i);
            Files.write(single, lines.get(i - 1).getBytes(StandardCharsets.UTF_8));
            String oracle =
                    Proc.firstField(Proc.run("sha256sum", single.toString()).ok());
            assertThat(Jcs.mapper().readTree(lines.get(i)).get("prev").asText()).isEqualTo(oracle);
            assertThat(Jcs.mapper().readTree(lines.get(i)).get("seq").asLong()).isEqualTo(i);
        }
        ChainReport report = ChainVerifier.verify(log, e -> {});
        assertThat(report.intact()).isTrue();
        assertThat(report.records()).isEqualTo(3);
    }

    @Test
    void verify_namesTheLineAfterAnEditedRecord() throws IOException {
        Path log = writeLog(5);
        String text = Files.readString(log);
        Files.writeString(log, text.replace("\"n\":2", "\"n\":7"));
        ChainReport report = ChainVerifier.verify(log, e -> {});
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).extracting(ChainReport.Problem::line).containsExactly(4L);
        assertThat(report.problems().getFirst().message()).contains("line 3 was changed");
    }

    @Test
    void verify_detectsADeletedLine() throws IOException {
        Path log = writeLog(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(1);
        Files.write(log, lines);
        ChainReport report = ChainVerifier.verify(log, e -> {});
        assertThat(report.problems()).extracting(ChainReport.Problem::line).contains(2L);
        assertThat(report.problems().getFirst().message())
                .contains("seq is 2, but the record on line 2 must carry seq 1");
    }

    @Test
    void verify_detectsReorderedLines() throws IOException {
        Path log = writeLog(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.add(1, lines.remove(2));
        Files.write(log, lines);
        assertThat(ChainVerifier.verify(log, e -> {}).problems()).isNotEmpty();
    }

    @Test
    void verify_detectsWhitespaceAddedToTheLastLine() throws IOException {
        Path log = writeLog(2);
        String text = Files.readString(log);
        Files.writeString(log, text.substring(0, text.length() - 2) + " }\n");
        ChainReport report = ChainVerifier.verify(log, e -> {});
        assertThat(report.problems()).extracting(ChainReport.Problem::line).containsExactly(2L);
        assertThat(report.problems().getFirst().message()).contains("canonical");
    }

    @Test
    void reopen_movesATornLastLineAsideAndContinuesTheChain() throws IOException {
        Path log = writeLog(2);
        byte[] torn = "{\"seq\":2,\"prev\":\"ab".getBytes(StandardCharsets.UTF_8);
        Files.write(log, torn, StandardOpenOption.APPEND);
        assertThat(ChainVerifier.verify(log, e -> {}).problems().getFirst().message())
                .contains("torn");

        try (ChainedLog l = ChainedLog.reopen(log)) {
            ChainedLog.TornTail tail = l.tornTail().orElseThrow();
            assertThat(Files.readAllBytes(tail.savedTo())).isEqualTo(torn);
            assertThat(tail.sha256()).isEqualTo(Sha256.hex(torn));
            assertThat(l.records()).isEqualTo(2);
            l.append("resume", Jcs.object(), true);
        }
        ChainReport report = ChainVerifier.verify(log, e -> {});
        assertThat(report.intact()).isTrue();
        assertThat(report.records()).isEqualTo(3);
    }

    @Test
    void reopen_refusesABrokenChain() throws IOException {
        Path log = writeLog(3);
        Files.writeString(log, Files.readString(log).replace("\"n\":0", "\"n\":9"));
        assertThatThrownBy(() -> ChainedLog.reopen(log))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void create_refusesAnExistingFile() throws IOException {
        Path log = writeLog(1);
        assertThatThrownBy(() -> ChainedLog.create(log)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void append_rejectsReservedFieldsAndUnsafeIntegers() throws IOException {
        try (ChainedLog l = ChainedLog.create(dir.resolve("x.jsonl"))) {
            ObjectNode reserved = Jcs.object().put("prev", "x");
            assertThatThrownBy(() -> l.append("t", reserved, false)).hasMessageContaining("reserved");
            ObjectNode big = Jcs.object().put("inode", Long.MAX_VALUE);
            assertThatThrownBy(() -> l.append("t", big, false)).hasMessageContaining("$.inode");
        }
    }
}
