package dev.exhibit.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogLockTest {
    private static final int PROCESSES = 6;
    private static final int APPENDS_EACH = 25;

    @TempDir
    Path dir;

    private Path newLog() throws IOException {
        Path log = dir.resolve("log.jsonl");
        try (ChainedLog l = ChainedLog.create(log)) {
            l.append("open", Jcs.object(), true);
        }
        return log;
    }

    @Test
    void reopen_appendsFromManyProcessesAtOnceWithoutForkingTheChain() throws Exception {
        Path log = newLog();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            AppendMain.class.getName(),
                            log.toString(),
                            "w" + p,
                            Integer.toString(APPENDS_EACH))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out" + p).toFile())
                    .start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(processes.get(p).waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(processes.get(p).exitValue())
                    .as(Files.readString(dir.resolve("out" + p)))
                    .isZero();
        }
        Set<String> written = new HashSet<>();
        ChainReport report = ChainVerifier.verify(log, e -> {
            if (e.record().path("type").asText().equals("event")) {
                written.add(e.record().path("writer").asText() + "/"
                        + e.record().path("n").asText());
            }
        });
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(1 + PROCESSES * APPENDS_EACH);
        assertThat(written).hasSize(PROCESSES * APPENDS_EACH);
    }

    @Test
    void reopen_waitsWhileAnotherHolderHasTheLogAndAppendsAfterIt() throws Exception {
        Path log = newLog();
        CompletableFuture<Long> appended;
        try (LogLock held = LogLock.exclusive(log)) {
            appended = CompletableFuture.supplyAsync(() -> {
                try (ChainedLog l = ChainedLog.reopen(log)) {
                    ObjectNode body = Jcs.object();
                    body.put("after", "release");
                    l.append("event", body, true);
                    return l.records();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertThat(appended).isNotDone();
        }
        assertThat(appended.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(ChainVerifier.verify(log, e -> {}).intact()).isTrue();
    }
}
