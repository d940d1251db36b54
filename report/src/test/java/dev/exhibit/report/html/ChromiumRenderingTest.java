package dev.exhibit.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.Reports;
import dev.exhibit.report.fixtures.AcquisitionFixture;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.report.fixtures.Chromium;
import dev.exhibit.report.fixtures.HostileNames;
import dev.exhibit.report.fixtures.Markup;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyAlgorithm;
import dev.exhibit.testing.Proc;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as headless Chromium renders it from disk, with the hostile-name corpus in every place evidence reaches:
 * no script runs, the names appear escaped and visible, the summary page draws the verdict, and the printed pages
 * repeat the report id and record hash.
 */
class ChromiumRenderingTest {
    /** The verdict banner's background in style.jte, exactly as the screenshot must show it. */
    static final int VERIFIED_GREEN = 0x0b6e2e;

    static final int MISMATCH_RED = 0xb00020;

    @TempDir
    static Path tmp;

    static Chromium chromium;
    static Reports.Built hostile;

    @BeforeAll
    static void build() throws Exception {
        chromium = new Chromium(tmp);
        hostile = buildReport(tmp.resolve("hostile"), null);
    }

    static Reports.Built buildReport(Path root, AcquisitionFixture acquisition) throws Exception {
        CaseFixture.Made m = acquisition == null
                ? CaseFixture.hostile(root.resolve("case"))
                : CaseFixture.make(root.resolve("case"), acquisition);
        TestKeys.Made ex = TestKeys.examiner(root.resolve("keys"), KeyAlgorithm.ECDSA_P256);
        return Reports.build(
                m.caseDir(), new Reports.BuildOptions(CaseFixture.invocation("report", "build"), ex.key(), null, null));
    }

    @Test
    void dumpDom_showsThatNoScriptRanAndNoEvidenceBecameAnElement() {
        String dom = Markup.lineBreaksLeftOut(chromium.dumpDom(hostile.html()));
        assertThat(dom).contains("<title>Exhibit report " + hostile.reportId() + "</title>");
        assertThat(dom).doesNotContain(HostileNames.PWNED + "</title>");
        assertThat(dom).doesNotContainPattern("<(img|script|iframe)[\\s>]");
        assertThat(dom).doesNotContainPattern("<svg[^>]*onload");
        // Serialised text nodes escape < and >, so these are the names shown as text, not parsed as markup.
        assertThat(dom).contains("&lt;img src=x onerror=document.title='pwned'&gt;.txt");
        assertThat(dom).contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;");
        assertThat(dom).contains("&lt;svg onload=document.title='pwned'&gt;");
        assertThat(dom).contains("invoice<span class=\"cc\" title=\"right-to-left override\">⟨U+202E⟩</span>gpj.exe");
        assertThat(dom).contains("⟨0xFF⟩").contains("⟨U+001B⟩").contains(HostileNames.LONG_4K);
    }

    @Test
    void screenshot_ofTheSummaryShowsTheVerifiedBanner() throws Exception {
        BufferedImage shot = ImageIO.read(
                chromium.screenshot(hostile.html(), tmp.resolve("hostile.png")).toFile());
        assertThat(shot.getWidth()).isEqualTo(Chromium.WIDTH);
        assertThat(colours(shot)).as("a rendered page, not a blank one").isGreaterThan(50);
        assertThat(pixels(shot, VERIFIED_GREEN)).as("the green verdict banner").isGreaterThan(20_000);
        assertThat(pixels(shot, MISMATCH_RED)).isZero();
    }

    @Test
    void screenshot_ofAMismatchShowsTheRedBanner() throws Exception {
        Reports.Built bad = buildReport(tmp.resolve("mismatch"), new AcquisitionFixture().mismatched("image"));
        String dom = chromium.dumpDom(bad.html());
        assertThat(dom).contains("A re-read did NOT match the acquisition hash");
        BufferedImage shot = ImageIO.read(
                chromium.screenshot(bad.html(), tmp.resolve("mismatch.png")).toFile());
        assertThat(pixels(shot, MISMATCH_RED)).as("the red verdict banner").isGreaterThan(20_000);
        assertThat(pixels(shot, VERIFIED_GREEN)).isZero();
    }

    @Test
    void printToPdf_repeatsReportIdAndRecordHashOnEveryA4Page() throws Exception {
        Path pdf = chromium.printToPdf(hostile.html(), tmp.resolve("report.pdf"));
        String info = Proc.run("pdfinfo", pdf.toString()).ok().stdout();
        assertThat(info).containsPattern("Page size:\\s+59[45](\\.\\d+)? x 84[12](\\.\\d+)? pts \\(A4\\)");
        int pages = Integer.parseInt(info.replaceAll("(?s).*Pages:\\s+(\\d+).*", "$1"));
        assertThat(pages).isGreaterThan(1);
        for (int p = 1; p <= pages; p++) {
            String text = Proc.run("pdftotext", "-f", "" + p, "-l", "" + p, "-layout", pdf.toString(), "-")
                    .ok()
                    .stdout();
            assertThat(text).as("page " + p).contains(hostile.reportId()).contains(hostile.recordSha256());
            assertThat(text).as("page " + p).contains("Page " + p + " of " + pages);
        }
    }

    static long pixels(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
