package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustodyCommandTest {
    @TempDir
    Path tmp;

    Path caseDir;

    @BeforeEach
    void init() {
        caseDir = tmp.resolve("case");
        assertThat(CliRunner.run("case", "init", caseDir.toString(), "--number", "1", "--title", "t", "--examiner", "J")
                        .exit())
                .isZero();
    }

    private CliRunner.Result add(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "custody",
                caseDir.toString(),
                "add",
                "--type",
                "transfer",
                "--item",
                "EV-001",
                "--from",
                "Officer A",
                "--to",
                "Jane",
                "--location",
                "Lab",
                "--purpose",
                "examination"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void add_thenList_showsTheEventAndAnIntactChain() {
        CliRunner.Result a = add("--seal", "S-1", "--condition", "sealed", "--at", "2026-11-20T10:15:00+01:00");
        assertThat(a.exit()).as(a.toString()).isZero();
        assertThat(a.out()).contains("recorded transfer of EV-001 at 2026-11-20T09:15:00.000000Z as line 2 (seq 1)");
        CliRunner.Result l = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(l.exit()).isZero();
        assertThat(l.out())
                .contains(
                        "[line 2, seq 1] transfer  2026-11-20T09:15:00.000000Z (entered as 2026-11-20T10:15:00+01:00)  item EV-001")
                .contains("from Officer A to Jane at Lab")
                .contains("purpose: examination; seal S-1; condition: sealed")
                .contains("Chain: intact, 2 events");
    }

    @Test
    void list_showsTerminalEscapesAndBidiOverridesVisibly() {
        assertThat(add("--condition", "bag \u001b[2J\u001b]0;owned\u0007 torn \u202Eevil")
                        .exit())
                .isZero();
        CliRunner.Result l = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(l.out()).contains("bag ⟨U+001B⟩[2J⟨U+001B⟩]0;owned⟨U+0007⟩ torn ⟨U+202E⟩evil");
        assertThat(l.out().chars().filter(c -> c == 0x1B || c == 0x07 || c == 0x202E))
                .isEmpty();
    }

    @Test
    void add_withATimeWithoutZoneIsRefused() {
        CliRunner.Result r = add("--at", "2026-11-20T10:15:00");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not ISO 8601 with a zone");
        assertThat(CliRunner.run("custody", caseDir.toString(), "list").out()).contains("Chain: intact, 1 events");
    }

    @Test
    void add_ofATypeExhibitWritesItselfIsRefused() {
        List<String> args = List.of(
                "custody",
                caseDir.toString(),
                "add",
                "--type",
                "report",
                "--item",
                "EV-001",
                "--from",
                "a",
                "--to",
                "b",
                "--location",
                "l",
                "--purpose",
                "p");
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--type");
    }

    @Test
    void list_ofAnEditedLogFailsNamingTheLine() throws Exception {
        assertThat(add().exit()).isZero();
        assertThat(add().exit()).isZero();
        Path log = caseDir.resolve("custody.log.jsonl");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("Officer A", "Officer B"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        CliRunner.Result l = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(l.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(l.out()).contains("Chain: BROKEN").contains("line 3: prev is");
        CliRunner.Result a = add();
        assertThat(a.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(a.err()).contains("chain broken at line 3");
    }

    @Test
    void concurrentAdds_fromManyProcessesNeverForkTheChain() throws Exception {
        int processes = 8;
        List<Process> running = new java.util.ArrayList<>();
        for (int i = 0; i < processes; i++) {
            running.add(CliRunner.spawn(
                    List.of(
                            "custody",
                            caseDir.toString(),
                            "add",
                            "--type",
                            "access",
                            "--item",
                            "EV-001",
                            "--from",
                            "store",
                            "--to",
                            "examiner " + i,
                            "--location",
                            "Lab",
                            "--purpose",
                            "concurrent"),
                    tmp.resolve("out" + i),
                    tmp.resolve("err" + i)));
        }
        for (int i = 0; i < processes; i++) {
            Process p = running.get(i);
            assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue())
                    .as(Files.readString(tmp.resolve("err" + i)))
                    .isZero();
        }
        CliRunner.Result l = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(l.exit()).as(l.toString()).isZero();
        assertThat(l.out()).contains("Chain: intact, " + (processes + 1) + " events");
        for (int i = 0; i < processes; i++) {
            assertThat(l.out()).contains("to examiner " + i + " at Lab");
        }
        assertThat(add().exit()).isZero();
    }

    @Test
    void forkedChain_isExplainedAndContinuedWithoutRewritingALine() throws Exception {
        assertThat(add().exit()).isZero();
        Path log = caseDir.resolve("custody.log.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.add(lines.getLast().replace("\"to\":\"Jane\"", "\"to\":\"Joe\""));
        Files.write(log, lines, StandardCharsets.UTF_8);
        CliRunner.Result refused = add();
        assertThat(refused.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(refused.err())
                .contains("chain broken at line 3")
                .contains("'exhibit chain check " + log + "' explains it")
                .contains("'exhibit chain continue " + log + " --reason TEXT'");
        CliRunner.Result build = CliRunner.run("report", "build", caseDir.toString());
        assertThat(build.exit()).as(build.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(build.err()).contains("cannot build a report").contains("'exhibit chain check " + log + "'");

        CliRunner.Result check = CliRunner.run("chain", "check", caseDir.toString());
        assertThat(check.exit()).as(check.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(check.out())
                .contains("line 3 (seq 1, type transfer")
                .contains("NOT acknowledged")
                .contains("a fork: lines 2 and 3 were both chained to line 1")
                .contains("exhibit chain continue");

        CliRunner.Result cont =
                CliRunner.run("chain", "continue", caseDir.toString(), "--reason", "two examiners recorded at once");
        assertThat(cont.exit()).as(cont.toString()).isZero();
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8).subList(0, 3))
                .isEqualTo(lines);

        assertThat(add().exit()).isZero();
        CliRunner.Result l = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(l.exit()).as(l.toString()).isZero();
        assertThat(l.out())
                .contains("continued the hash chain past a break; reason: two examiners recorded at once")
                .contains("Chain: intact as continued past a break, 5 events");
        CliRunner.Result again = CliRunner.run("chain", "check", log.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("acknowledged by line 4");
    }

    @Test
    void add_refusesAnArgumentThatIsNotUtf8_insteadOfRecordingU_FFFD() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "exec \"$0\" --enable-native-access=ALL-UNNAMED -cp \"$1\" dev.exhibit.cli.Main custody \"$2\""
                + " add --type store --item EV-001 --from \"$(printf 'Officer \\377A')\" --to Jane --location Lab"
                + " --purpose p";
        dev.exhibit.testing.Proc.Result r = dev.exhibit.testing.Proc.run(
                null, List.of("sh", "-c", script, java, System.getProperty("java.class.path"), caseDir.toString()));
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("the value of --from").contains("not valid UTF-8");
        assertThat(Files.readAllLines(caseDir.resolve("custody.log.jsonl"))).hasSize(1);
    }

    @Test
    void add_toADirectoryThatIsNotACaseSaysSo() {
        CliRunner.Result r = CliRunner.run(
                "custody",
                tmp.toString(),
                "add",
                "--type",
                "store",
                "--item",
                "EV-1",
                "--from",
                "a",
                "--to",
                "b",
                "--location",
                "l",
                "--purpose",
                "p");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not a case directory");
    }
}
