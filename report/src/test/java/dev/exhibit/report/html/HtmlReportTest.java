package dev.exhibit.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.Reports;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.report.fixtures.HostileNames;
import dev.exhibit.report.fixtures.Markup;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile-name corpus rendered into report.html, checked on the markup itself. */
class HtmlReportTest {
    @TempDir
    static Path tmp;

    static String html;
    static Reports.Built built;

    @BeforeAll
    static void build() throws Exception {
        CaseFixture.Made m = CaseFixture.hostile(tmp.resolve("case"));
        TestKeys.Made ex = TestKeys.examiner(tmp.resolve("keys"), KeyAlgorithm.ECDSA_P256);
        built = Reports.build(
                m.caseDir(), new Reports.BuildOptions(CaseFixture.invocation("report", "build"), ex.key(), null, null));
        html = Files.readString(built.html(), StandardCharsets.UTF_8);
    }

    @Test
    void html_carriesAContentSecurityPolicyThatAllowsNoScript() {
        assertThat(html)
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                        + " 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">");
        assertThat(html.indexOf("Content-Security-Policy")).isLessThan(html.indexOf("<title>"));
    }

    @Test
    void html_containsNoLiveMarkupFromEvidence() {
        assertThat(Pattern.compile("<\\s*(script|img|iframe|object|embed|link|base|form)\\b", Pattern.CASE_INSENSITIVE)
                        .matcher(html)
                        .find())
                .isFalse();
        assertThat(Pattern.compile("<svg[^>]*\\bonload", Pattern.CASE_INSENSITIVE)
                        .matcher(html)
                        .find())
                .isFalse();
        assertThat(Pattern.compile("\\s(on[a-z]+)\\s*=", Pattern.CASE_INSENSITIVE)
                        .matcher(tagsOnly(html))
                        .find())
                .isFalse();
        assertThat(Pattern.compile("\\s(href|src)\\s*=", Pattern.CASE_INSENSITIVE)
                        .matcher(tagsOnly(html))
                        .find())
                .as("one self-contained file, no links or external resources")
                .isFalse();
    }

    @Test
    void html_showsEveryHostileNameEscapedAndVisible() {
        String html = Markup.lineBreaksLeftOut(HtmlReportTest.html);
        assertThat(html).contains("&lt;img src=x onerror=document.title='pwned'&gt;.txt");
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;");
        assertThat(html).contains("invoice<span class=\"cc\" title=\"right-to-left override\">⟨U+202E⟩</span>gpj.exe");
        assertThat(html).contains("red<span class=\"cc\" title=\"escape\">⟨U+001B⟩</span>[31mALERT");
        assertThat(html).contains("bad<span class=\"cc\" title=\"byte that is not valid UTF-8\">⟨0xFF⟩</span>");
        assertThat(html).contains(HostileNames.LONG_4K);
        assertThat(html.chars()
                        .filter(ch -> ch == 0x202E || ch == 0x1B || ch == 0x07)
                        .count())
                .as("no raw bidi override, escape or bell character")
                .isZero();
    }

    @Test
    void html_breaksWordsOnlyBetweenThem_withoutAddingCharacters() {
        assertThat(html)
                .as("a custody seal number: one inline block, a path: a break opportunity after each slash")
                .contains("seal <span class=\"w\">S-1001</span>")
                .contains("evidence/<wbr><span class=\"w\">EV-001/</span><wbr>acquisition.log.jsonl")
                .as("no break after a leading slash: '/' alone at the end of a line reads as something else")
                .doesNotContain(">/<wbr>")
                .doesNotContain(" /<wbr>");
    }

    @Test
    void html_repeatsTheReportIdAndRecordHashInTheRunningHeader() {
        assertThat(html).contains("<meta name=\"exhibit-record-sha256\" content=\"" + built.recordSha256() + "\">");
        assertThat(html)
                .containsPattern("<thead><tr><td>\\s*<div class=\"running\">\\s*<span>Exhibit report <b>"
                        + built.reportId() + "</b>");
        assertThat(html).contains("@page { size: A4;");
    }

    private static String tagsOnly(String s) {
        StringBuilder sb = new StringBuilder();
        var m = Pattern.compile("<[^>]*>").matcher(s);
        while (m.find()) {
            sb.append(m.group()).append('\n');
        }
        return sb.toString();
    }
}
