package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit search CASE} and {@code exhibit timeline CASE} on an indexed case of three items, each answer
 * compared with jq over the analysis files themselves, or with {@code analyze files --path} on the image.
 */
class SearchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path caseDir;
    static String ext4Sha256;

    @BeforeAll
    static void indexCase() throws IOException {
        caseDir = IndexedCases.newCase(dir.resolve("case"));
        IndexedCases.addItem(caseDir, "EV-1", "hostile");
        Path ext4 = IndexedCases.addItem(caseDir, "EV-2", "ext4");
        List<String> sha1s = new ArrayList<>();
        for (String line : IndexedCases.lines(ext4.resolve("files.jsonl"))) {
            var n = JSON.readTree(line);
            if (n.hasNonNull("sha1") && !sha1s.contains(n.get("sha1").asText())) {
                sha1s.add(n.get("sha1").asText());
                ext4Sha256 = ext4Sha256 == null ? n.get("sha256").asText() : ext4Sha256;
            }
        }
        String store = dir.resolve("store").toString();
        Files.write(dir.resolve("bad.txt"), sha1s.subList(0, 1));
        Files.write(dir.resolve("known.txt"), sha1s.subList(1, 4));
        for (String[] set : new String[][] {{"bad", "notable"}, {"known", "known"}}) {
            CliRunner.Result r = CliRunner.run(
                    "hashset",
                    "import",
                    set[0],
                    dir.resolve(set[0] + ".txt").toString(),
                    "--kind",
                    set[1],
                    "--store",
                    store);
            assertThat(r.exit()).as(r.toString()).isZero();
        }
        Path marked = IndexedCases.addItem(
                caseDir, "EV-3", "ext4", "--hashset", "bad", "--hashset", "known", "--store", store);
        Files.writeString(
                marked.resolve("hashsets.json"),
                "{\"sets\":[{\"name\":\"bad\",\"kind\":\"notable\"},{\"name\":\"known\",\"kind\":\"known\"}]}\n");
        CliRunner.Result r = CliRunner.run("index", caseDir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    /** The records of every item's files.jsonl that jq's {@code select(FILTER)} keeps, as "ITEM pathBytes". */
    private static List<String> jq(String filter) {
        List<String> out = new ArrayList<>();
        for (String item : List.of("EV-1", "EV-2", "EV-3")) {
            Path file = caseDir.resolve("evidence").resolve(item).resolve("analysis/files.jsonl");
            Proc.run("jq", "-r", "select(" + filter + ") | .pathBytes", file.toString())
                    .ok()
                    .stdout()
                    .lines()
                    .forEach(l -> out.add(item + " " + l));
        }
        return out;
    }

    private static List<String> search(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("search", caseDir.toString(), "--json"));
        all.addAll(List.of(args));
        CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            var n = JSON.readTree(line);
            out.add(n.get("item").asText() + " " + n.get("pathBytes").asText());
        }
        return out;
    }

    @Test
    void search_byHashOfAnyAlgorithm_findsEveryItemThatHoldsIt() throws IOException {
        List<String> bySha256 = search("--hash", ext4Sha256.toUpperCase());
        assertThat(bySha256).isNotEmpty().containsExactlyElementsOf(jq(".sha256 == \"" + ext4Sha256 + "\""));
        assertThat(bySha256).anyMatch(s -> s.startsWith("EV-2 ")).anyMatch(s -> s.startsWith("EV-3 "));
        String md5 = Proc.run(
                        "jq",
                        "-r",
                        "select(.sha256 == \"" + ext4Sha256 + "\") | .md5",
                        caseDir.resolve("evidence/EV-2/analysis/files.jsonl").toString())
                .ok()
                .stdout()
                .lines()
                .findFirst()
                .orElseThrow();
        assertThat(search("--hash", md5)).containsExactlyElementsOf(bySha256);
    }

    @Test
    void search_combinesConditionsWithAnd() throws IOException {
        assertThat(search("--deleted")).isNotEmpty().containsExactlyElementsOf(jq(".deleted or .orphan"));
        assertThat(search("--type", "text/plain"))
                .isNotEmpty()
                .containsExactlyElementsOf(jq(".mediaType == \"text/plain\""));
        assertThat(search("--type", "text/plain", "--deleted", "--item", "EV-1"))
                .isNotEmpty()
                .containsExactlyElementsOf(jq(".mediaType == \"text/plain\" and (.deleted or .orphan)").stream()
                        .filter(s -> s.startsWith("EV-1 "))
                        .toList());
        String from = "2024-01-22T00:00:00Z";
        String to = "2024-01-23T00:00:00Z";
        String f = "2024-01-22T00:00:00.000000000Z";
        String t = "2024-01-23T00:00:00.000000000Z";
        String any = String.join(
                " or ",
                List.of("mtime", "atime", "ctime", "crtime").stream()
                        .map(x -> "(." + x + " != null and ." + x + " >= \"" + f + "\" and ." + x + " < \"" + t + "\")")
                        .toList());
        assertThat(search("--from", from, "--to", to)).isNotEmpty().containsExactlyElementsOf(jq(any));
    }

    @Test
    void search_notableAndKnown_followTheKindsOfTheHashSets() throws IOException {
        assertThat(search("--notable")).isNotEmpty().containsExactlyElementsOf(jq(".hashsets // [] | index(\"bad\")"));
        assertThat(search("--known")).isNotEmpty().containsExactlyElementsOf(jq(".hashsets // [] | index(\"known\")"));
        CliRunner.Result hits = CliRunner.run("search", caseDir.toString(), "--notable", "--json");
        assertThat(hits.out().lines())
                .allMatch(l -> l.contains("\"hashsets\":[{\"name\":\"bad\",\"kind\":\"notable\"}]"))
                .allMatch(l -> l.contains("\"notable\":true"));
        assertThat(Proc.run(
                                "sqlite3",
                                caseDir.resolve("case.db").toString(),
                                "SELECT count(*) FROM hits WHERE kind = 'notable'")
                        .ok()
                        .stdout()
                        .strip())
                .isEqualTo(String.valueOf(jq(".hashsets // [] | index(\"bad\")").size()));
    }

    @Test
    void search_byPath_matchesAsAnalyzeFilesPathDoes() throws IOException {
        for (String glob : List.of("/**/*.txt", "*.txt", "/<dir*/**")) {
            CliRunner.Result listed =
                    CliRunner.run("analyze", "files", TestImages.get("hostile").toString(), "--path", glob, "--json");
            List<String> expected = new ArrayList<>();
            for (String line : listed.out().lines().toList()) {
                expected.add("EV-1 " + JSON.readTree(line).get("pathBytes").asText());
            }
            assertThat(search("--path", glob, "--item", "EV-1"))
                    .as(glob)
                    .isNotEmpty()
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void timelineOfACase_readsEveryItemsEventsFromTheDatabase_inTimeOrder() throws IOException {
        CliRunner.Result r = CliRunner.run(
                "timeline",
                caseDir.toString(),
                "--from",
                "2024-01-22T00:00:00Z",
                "--to",
                "2024-01-25T00:00:00Z",
                "--format",
                "jsonl");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> expected = new ArrayList<>();
        for (String item : List.of("EV-1", "EV-2", "EV-3")) {
            // the lines of the item's timeline.jsonl in the range (the times are fixed-width UTC: text order is time
            // order)
            List<String> lines =
                    IndexedCases.lines(caseDir.resolve("evidence").resolve(item).resolve("analysis/timeline.jsonl"))
                            .stream()
                            .filter(l -> {
                                String t = l.replaceFirst(".*\"datetime\":\"([^\"]+)\".*", "$1");
                                return t.compareTo("2024-01-22T00:00:00.000000000Z") >= 0
                                        && t.compareTo("2024-01-25T00:00:00.000000000Z") < 0;
                            })
                            .toList();
            for (String l : lines) {
                expected.add(JSON.readTree(l).toString());
            }
        }
        List<String> got = new ArrayList<>();
        String previous = "";
        for (String line : r.out().lines().toList()) {
            var n = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            assertThat(n.get("datetime").asText()).isGreaterThanOrEqualTo(previous);
            previous = n.get("datetime").asText();
            assertThat(n.get("item").asText()).isIn("EV-1", "EV-2", "EV-3");
            n.remove("item");
            got.add(n.toString());
        }
        assertThat(got).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);

        CliRunner.Result mactime = CliRunner.run("timeline", caseDir.toString(), "--to", "2024-01-25T00:00:00Z");
        assertThat(mactime.out().lines().findFirst().orElseThrow())
                .isEqualTo("Date,Size,Type,Mode,UID,GID,Meta,File Name,Item,Partition");
    }

    @Test
    void search_onATerminal_printsATable_inWhichNoNameCanRestyleTheTerminal() throws Exception {
        // script(1) gives the child a pseudo-terminal for its standard input and output, as an examiner's shell does
        String command = String.join(
                " ",
                java.util.stream.Stream.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "--enable-native-access=ALL-UNNAMED",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "search",
                                caseDir.toString(),
                                "--item",
                                "EV-1")
                        .map(dev.exhibit.core.Invocation::shellQuote)
                        .toList());
        Path out = dir.resolve("terminal.txt");
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text)
                .contains("Item         Part State    Inode")
                .contains("/⟨U+001B⟩[31mred⟨U+001B⟩[0m and")
                .contains("/invoice⟨U+202E⟩txt.exe")
                .contains("files and streams in sqlite:");
        assertThat(text.chars().filter(ch -> ch == 0x1b || ch == 0x9b || ch == 0x202e || ch == 0x07))
                .as("raw escape, CSI, bidi override or bell")
                .isEmpty();
        assertThat(text.lines().filter(l -> l.startsWith("EV-1 ")).count())
                .isEqualTo(
                        jq("true").stream().filter(x -> x.startsWith("EV-1 ")).count());
    }

    @Test
    void search_refusesABadHash_andACaseWithoutDatabase_withStatus2() throws IOException {
        CliRunner.Result bad = CliRunner.run("search", caseDir.toString(), "--hash", "xyz'; DROP TABLE file; --");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("is not an MD5, SHA-1, SHA-256 or SHA-512");
        Path empty = IndexedCases.newCase(dir.resolve("empty"));
        CliRunner.Result none = CliRunner.run("search", empty.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("has no case database yet: run 'exhibit index");
    }
}
