package dev.exhibit.report.html;

import static dev.exhibit.report.fixtures.PrintedReport.groupedOnOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.report.Reports;
import dev.exhibit.report.custody.CustodyEvent;
import dev.exhibit.report.custody.CustodyEventType;
import dev.exhibit.report.custody.EventTime;
import dev.exhibit.report.fixtures.AcquisitionFixture;
import dev.exhibit.report.fixtures.AnalysisFixture;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.report.fixtures.Chromium;
import dev.exhibit.report.fixtures.PrintedReport;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyAlgorithm;
import dev.exhibit.report.record.Findings;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a first-time examiner reads it on paper: Chromium prints it to A4, poppler reads the text back as laid
 * out, and the assertions are about what a person sees on the pages (hashes that stay whole, a draft that says so on
 * every page, labelled rows with units, tables instead of JSON, the examiner's findings).
 */
class HtmlReportPrintTest {
    static final String FINDINGS = "The image of EV-001 holds two file systems.\n\n"
            + "A deleted file named <b>plan.txt</b> was recovered from the FAT16 volume;\n"
            + "its content is quoted in annex A.\n\n"
            + "Items examined:\n- EV-001, the USB stick\n- nothing else\n";

    @TempDir
    static Path tmp;

    static Chromium chromium;
    static Printed signed;
    static Printed draft;

    record Printed(Reports.Built built, JsonNode record, PrintedReport paper) {}

    @BeforeAll
    static void build() throws Exception {
        chromium = new Chromium(tmp);
        AcquisitionFixture acquisition = new AcquisitionFixture()
                .device("Kingston", "DataTraveler 3.0", "60A44C3FACD4E1A0B9")
                .description("USB stick found in the desk drawer")
                .timing(723_456, 263_192_576)
                .badRange(100, 8)
                .verified("image")
                .verified("source");
        CaseFixture.Made m = CaseFixture.make(tmp.resolve("signed/case"), acquisition);
        // Ordinary names: this test is about layout; ChromiumRenderingTest prints the hostile ones.
        plainAnalysis(m);
        handOverAsTheDemoDoes(m);
        TestKeys.Made ex = TestKeys.examiner(tmp.resolve("keys"), KeyAlgorithm.ECDSA_P256);
        signed = print(
                "signed",
                Reports.build(
                        m.caseDir(),
                        new Reports.BuildOptions(CaseFixture.invocation("report", "build"), ex.key(), null, null)));

        CaseFixture.Made d = CaseFixture.make(tmp.resolve("draft/case"), acquisition);
        plainAnalysis(d);
        Path findings = Files.writeString(tmp.resolve("findings.txt"), FINDINGS, StandardCharsets.UTF_8);
        draft = print(
                "draft",
                Reports.build(
                        d.caseDir(),
                        new Reports.BuildOptions(
                                CaseFixture.invocation("report", "build"), null, null, null, Findings.read(findings))));
    }

    /**
     * The demo's hand-over: identifiers with hyphens (a warrant, a seal) that Chromium used to break after a hyphen
     * ({@code W-DEMO-} above {@code 1}), as it would break any word, in the narrow custody columns.
     */
    static final CustodyEvent HAND_OVER = new CustodyEvent(
            CustodyEventType.TRANSFER,
            CaseFixture.ITEM,
            "Officer A. Smith",
            "Dana Demo",
            "Exhibit demo lab, evidence room",
            "seized under warrant W-DEMO-1",
            "S-0001",
            "sealed in bag S-0001",
            EventTime.parse("2026-11-20T15:00:00Z", Instant.parse("2026-11-20T15:00:05Z")));

    private static void handOverAsTheDemoDoes(CaseFixture.Made m) throws Exception {
        m.caseDir()
                .custody()
                .append(
                        HAND_OVER,
                        CaseFixture.invocation("custody", m.caseDir().root().toString(), "add", "--type", "transfer"));
    }

    private static void plainAnalysis(CaseFixture.Made m) throws Exception {
        Files.delete(m.analysis());
        AnalysisFixture.writePlain(m.analysis().getParent(), m.acquisition().image().length);
    }

    private static Printed print(String name, Reports.Built built) throws Exception {
        JsonNode record = new ObjectMapper()
                .readTree(built.directory().resolve(Reports.RECORD).toFile());
        return new Printed(built, record, PrintedReport.print(chromium, built.html(), tmp.resolve(name + ".pdf")));
    }

    @Test
    void summaryPage_showsEverySha256WithItsEightGroupsOnOneLine() {
        String page1 = signed.paper().pages().getFirst();
        List<String> hashes = List.of(
                signed.built().recordSha256(),
                signed.record().at("/report/signer/certificateSha256").asText(),
                signed.record().at("/custody/log/headHash").asText(),
                acquiredHash(signed.record(), "sha256"));
        for (String h : hashes) {
            assertThat(page1).as("SHA-256 %s on the summary page", h).containsPattern(groupedOnOneLine(h));
        }
    }

    @Test
    void hashTables_neverSplitAHashAcrossLines() {
        String all = signed.paper().all();
        for (JsonNode h : signed.record().at("/evidence/0/hashes")) {
            assertThat(all)
                    .as(h.toString())
                    .containsPattern(groupedOnOneLine(h.path("value").asText()));
        }
        for (JsonNode l : signed.record().path("logs")) {
            assertThat(all).containsPattern(groupedOnOneLine(l.path("headHash").asText()));
        }
    }

    @Test
    void unsignedReport_saysDraftOnEveryPage() {
        List<String> pages = draft.paper().pages();
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).as("page %d of the unsigned report", p + 1).contains("DRAFT, NOT SIGNED");
        }
        for (String page : signed.paper().pages()) {
            assertThat(page).doesNotContain("DRAFT");
        }
    }

    @Test
    void unsignedReport_showsNoGreenVerdictBanner() throws Exception {
        BufferedImage shot = ImageIO.read(chromium.screenshot(draft.built().html(), tmp.resolve("draft.png"))
                .toFile());
        // The item's verification verdict is still written in green; only a banner fills thousands of pixels.
        assertThat(ChromiumRenderingTest.pixels(shot, ChromiumRenderingTest.VERIFIED_GREEN))
                .as("the green banner of a signed, verified report")
                .isLessThan(5_000);
        assertThat(ChromiumRenderingTest.pixels(shot, ChromiumRenderingTest.MISMATCH_RED))
                .as("the red draft banner")
                .isGreaterThan(20_000);
    }

    /**
     * The pages as paper shows them (pdftoppm), colours included: print drops backgrounds unless the page keeps them,
     * and the draft's red band is what says DRAFT at a glance on every sheet.
     */
    @Test
    void printedPages_showTheRedDraftBandOnEverySheetOfADraft_andTheGreenBannerOnlyWhenSigned() throws Exception {
        List<BufferedImage> draftPages = draft.paper().pageImages(tmp.resolve("draft-pages"), 50);
        assertThat(draftPages).hasSameSizeAs(draft.paper().pages());
        for (int p = 0; p < draftPages.size(); p++) {
            assertThat(ChromiumRenderingTest.pixels(top(draftPages.get(p)), ChromiumRenderingTest.MISMATCH_RED))
                    .as("red DRAFT band at the top of printed page %d of the draft", p + 1)
                    .isGreaterThan(1_500);
        }
        assertThat(ChromiumRenderingTest.pixels(draftPages.getFirst(), ChromiumRenderingTest.VERIFIED_GREEN))
                .as("no green banner on a draft")
                .isLessThan(1_000);
        List<BufferedImage> signedPages = signed.paper().pageImages(tmp.resolve("signed-pages"), 50);
        assertThat(ChromiumRenderingTest.pixels(signedPages.getFirst(), ChromiumRenderingTest.VERIFIED_GREEN))
                .as("the green verdict banner, printed")
                .isGreaterThan(4_000);
        // the band is in the running header at the top of each sheet; the bad-sector map, lower down, is red too
        for (int p = 0; p < signedPages.size(); p++) {
            assertThat(ChromiumRenderingTest.pixels(top(signedPages.get(p)), ChromiumRenderingTest.MISMATCH_RED))
                    .as("red at the top of printed page %d of the signed report", p + 1)
                    .isZero();
        }
    }

    private static BufferedImage top(BufferedImage page) {
        return page.getSubimage(0, 0, page.getWidth(), page.getHeight() / 12);
    }

    @Test
    void printedReport_holdsTablesNotAJsonTreeOrBase64() {
        String all = signed.paper().all();
        assertThat(all)
                .doesNotContain("descriptionBytes")
                .doesNotContain("labelBytes")
                .doesNotContain("list of ");
        for (String line : all.lines().toList()) {
            assertThat(line)
                    .as("a line of a JSON tree")
                    .doesNotMatch("\\s*[{}\\[\\]],?\\s*")
                    .doesNotMatch("\\s*\"?[a-zA-Z]+\"?: *[{\\[]?\\s*");
        }
        for (JsonNode p : signed.record().at("/evidence/0/analysis/summary/volumeSystem/partitions")) {
            assertThat(all).doesNotContain(p.path("descriptionBytes").asText());
        }
        String fileSystems = signed.paper().section("File systems", "Chain of custody events");
        for (JsonNode fs : signed.record().at("/evidence/0/analysis/summary/fileSystems")) {
            assertThat(fileSystems)
                    .containsPattern(Pattern.quote(fs.path("partition").asText()) + "\\s+"
                            + Pattern.quote(fs.path("type").asText()));
        }
    }

    @Test
    void printedReport_labelsDeviceWriteBlockTimesAndUnits() {
        String page1 = signed.paper().pages().getFirst();
        JsonNode acq = signed.record().at("/evidence/0/acquisition");
        assertThat(page1)
                .containsPattern("Started\\s+" + acq.path("started").asText().replace(".", "\\."))
                .containsPattern("Ended\\s+" + acq.path("ended").asText().replace(".", "\\."))
                .containsPattern("Sizes are in binary units");
        String all = signed.paper().all();
        assertThat(all)
                .containsPattern(
                        "Device\\s+Kingston DataTraveler 3\\.0, serial 60A44C3FACD4E1A0B9, firmware 1\\.00," + " USB")
                .containsPattern("Duration\\s+12 min 03 s")
                .containsPattern("Average rate\\s+251\\.00 MiB/s \\(263,192,576 bytes/s\\)")
                .containsPattern("Bytes acquired\\s+4\\.00 MiB \\(4,194,304 bytes\\)")
                .containsPattern("Hash algorithms\\s+MD5, SHA-1, SHA-256")
                .containsPattern("Kernel read-only flag\\s+set")
                .containsPattern("Hardware write blocker\\s+none declared")
                .doesNotContain("logicalSectorBytes:")
                .doesNotContain("readBlockBytes:");
    }

    @Test
    void statements_areANumberedListPerItemStatingEachHashOnce() {
        String statements = signed.paper().section("Statements of fact", "How to verify");
        for (String alg : List.of("md5", "sha1", "sha256")) {
            String value = acquiredHash(signed.record(), alg);
            assertThat(count(statements, value)).as(alg + " stated once").isEqualTo(1);
        }
        assertThat(statements).containsPattern("(?m)^\\s*1\\. ").containsPattern("(?m)^\\s*4\\. ");
        assertThat(statements).contains("Item EV-001").contains("Custody");
    }

    @Test
    void custodyTable_breaksLinesOnlyBetweenWords() {
        String custody = signed.paper().section("Chain of custody events", "Command lines");
        List<String> words = new ArrayList<>();
        for (JsonNode e : signed.record().at("/custody/events")) {
            for (String f : List.of("type", "location", "purpose", "from", "to", "condition", "item")) {
                for (String w : e.path(f).asText("").split("\\s+")) {
                    if (w.matches("[A-Za-z][A-Za-z0-9.,'-]{3,}")) {
                        words.add(w);
                    }
                }
            }
        }
        assertThat(words).hasSizeGreaterThan(10).contains("W-DEMO-1", "S-0001");
        for (String w : words) {
            assertThat(custody).as("'%s' unbroken", w).contains(w);
        }
    }

    /**
     * One numbering for the custody log on paper: an event is counted by its line in the file, from 1, as the command
     * lines' "custody.log.jsonl line N" and {@code custody list} count it, not by its {@code seq}, which counts from 0.
     */
    @Test
    void custodyTable_numbersEachEventByItsLine_asTheCommandLinesDo() {
        String custody = signed.paper().section("Chain of custody events", "Command lines");
        String commands = signed.paper().section("Command lines", "Chained logs covered");
        assertThat(custody).containsPattern("(?m)^\\s*Line\\s+When \\(UTC\\)");
        for (JsonNode e : signed.record().at("/custody/events")) {
            long line = e.path("seq").asLong() + 1;
            String type = e.path("type").asText();
            assertThat(custody)
                    .as("%s event of line %d", type, line)
                    .containsPattern("(?m)^\\s*" + line + "\\s+"
                            + Pattern.quote(e.path("at").asText().substring(0, 11)) + "\\s+" + Pattern.quote(type)
                            + "\\b");
            // the cells beside "Recorded in" interleave with it in the layout text
            assertThat(commands.replaceAll("\\s+", " "))
                    .containsPattern(
                            "custody\\.log\\.jsonl line " + line + " .{0,60}?\\(" + Pattern.quote(type) + "\\)");
        }
    }

    /** An option ({@code --description}) or a path ({@code evidence/EV-001/...}) is not cut at its hyphens either. */
    @Test
    void commandLinesAndPaths_breakOnlyBetweenWordsOrAfterASlash() {
        String all = signed.paper().all();
        String commands = signed.paper().section("Command lines", "Chained logs covered");
        for (JsonNode c : signed.record().path("commandLines")) {
            for (String w : c.path("commandLine").asText().split("\\s+")) {
                if (w.startsWith("-")) {
                    assertThat(commands).as("option '%s' unbroken", w).contains(w);
                }
            }
        }
        String covered = signed.paper().section("Chained logs covered", "Statements of fact");
        for (JsonNode l : signed.record().path("logs")) {
            String file = l.path("file").asText();
            for (String part : file.split("(?<=/)")) {
                assertThat(covered).as("'%s' of %s unbroken", part, file).contains(part);
            }
        }
        assertThat(all).contains("evidence/EV-001/");
    }

    @Test
    void findings_areTheirOwnSectionInTheExaminersParagraphs() {
        String section = draft.paper().section("Findings of the examiner", "Details");
        assertThat(section.replaceAll("\\s+", " "))
                .contains("The image of EV-001 holds two file systems.")
                .as("lines an editor wrapped flow again, and the markup quoted is shown as text")
                .contains("A deleted file named <b>plan.txt</b> was recovered from the FAT16 volume; its content is"
                        + " quoted in annex A.");
        assertThat(section)
                .containsPattern("(?m)^\\s*- EV-001, the USB stick")
                .containsPattern("(?m)^\\s*- nothing else");
        assertThat(draft.record().at("/findings/text").asText()).isEqualTo(FINDINGS);
        assertThat(draft.paper().pages().getFirst())
                .containsPattern("Findings\\s+3 paragraphs by the examiner, on the next page");
        assertThat(signed.paper().section("Findings of the examiner", "Details"))
                .contains("No findings were entered");
        assertThat(signed.record().path("findings").isNull()).isTrue();
    }

    @Test
    void printedReport_fitsOnAFewPages() {
        assertThat(signed.paper().pages()).hasSizeBetween(3, 6);
    }

    private static String acquiredHash(JsonNode record, String algorithm) {
        for (JsonNode h : record.at("/evidence/0/hashes")) {
            if (h.path("scope").asText().equals("acquired")
                    && h.path("algorithm").asText().equals(algorithm)) {
                return h.path("value").asText();
            }
        }
        throw new AssertionError("no acquired " + algorithm);
    }

    /** Occurrences of a hash, printed whole, in groups or wrapped: whitespace is left out before counting. */
    private static int count(String text, String value) {
        String compact = text.replaceAll("\\s+", "");
        int n = 0;
        for (int i = compact.indexOf(value); i >= 0; i = compact.indexOf(value, i + 1)) {
            n++;
        }
        return n;
    }
}
