package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.fixtures.Chromium;
import dev.exhibit.report.fixtures.Markup;
import dev.exhibit.testkit.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence strings from a real disk (the hostile-gpt image: markup and a bidi override and a terminal escape in GPT
 * partition names, {@code </script>} in a volume label) and from the examiner (a 4 KB description that closes a
 * script element), carried through acquire, analyze and report build into report.html and opened in headless
 * Chromium: no script runs, nothing becomes an element, and each string is shown, escaped and visible.
 */
class HostileEvidenceReportTest {
    private static final String LONG = "</script><script>document.title='pwned'</script>" + "A".repeat(4096);

    @TempDir
    Path dir;

    @Test
    void reportOfAHostileDisk_runsNoScriptAndShowsEveryNameEscaped() throws IOException {
        Path image = TestImages.get("hostile-gpt");
        String before = Acquisitions.sum("sha256", image);
        Path caseDir = dir.resolve("case");
        Path item = caseDir.resolve("evidence/EV-1");
        ok("case", "init", caseDir.toString(), "--number", "H-1", "--title", "hostile", "--examiner", "Eve <x>");
        ok(
                "acquire",
                image.toString(),
                "--case",
                caseDir.toString(),
                "--id",
                "EV-1",
                "--description",
                LONG,
                "--notes",
                "\u001b[31mred\u001b]0;pwned\u0007 <b>bold</b>");
        ok("verify", item.toString());
        ok(
                "analyze",
                item.resolve("image.raw").toString(),
                "--out",
                item.resolve("analysis.json").toString());
        Path password = Files.writeString(dir.resolve("pw"), "hostile-test\n");
        Path key = dir.resolve("examiner.p12");
        ok(
                "keys",
                "init",
                "--out",
                key.toString(),
                "--subject",
                "CN=Eve, O=Test",
                "--password-file",
                password.toString());
        ok("report", "build", caseDir.toString(), "--sign", key.toString(), "--password-file", password.toString());
        Path html;
        try (var reports = Files.list(caseDir.resolve("reports"))) {
            html = reports.findFirst().orElseThrow().resolve("report.html");
        }

        Chromium chromium = new Chromium(dir.resolve("chromium"));
        String dom = Markup.lineBreaksLeftOut(chromium.dumpDom(html));

        assertThat(dom).containsPattern("<title>Exhibit report R-[^<]+</title>").doesNotContain("pwned</title>");
        assertThat(dom).doesNotContainPattern("<(img|script|iframe)[\\s>]").doesNotContain("<b>bold</b>");
        assertThat(dom).contains("&lt;b&gt;bold&lt;/b&gt;").contains("Eve &lt;x&gt;");
        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(dom).contains("&lt;/script&gt;&lt;b&gt;x");
        assertThat(dom).contains("invoice<span class=\"cc\" title=\"right-to-left override\">⟨U+202E⟩</span>txt.exe");
        assertThat(dom).contains("⟨U+001B⟩[31mred");
        assertThat(dom).contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;AAAA");
        assertThat(dom).contains("A".repeat(4096));
        BufferedImage shot = ImageIO.read(
                chromium.screenshot(html, dir.resolve("summary.png")).toFile());
        assertThat(shot.getWidth()).isEqualTo(Chromium.WIDTH);
        assertThat(greenPixels(shot)).as("the summary page's verdict banner").isGreaterThan(20_000);
        assertThat(Acquisitions.sum("sha256", image))
                .as("the evidence image is unchanged")
                .isEqualTo(before);
    }

    private static void ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit())
                .as(String.join(" ", args)
                                .substring(
                                        0, Math.min(200, String.join(" ", args).length())) + "\n" + r)
                .isZero();
    }

    /** The report's "verified" banner colour (style.jte), as ChromiumRenderingTest measures it. */
    private static long greenPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == 0x0b6e2e) {
                    n++;
                }
            }
        }
        return n;
    }
}
