package dev.exhibit.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders {@code report.html}: one self-contained file (inline CSS and SVG, no script, no external resource), with a
 * Content-Security-Policy that forbids script, a one-page summary first, then every detail, printable on A4 with the
 * report id and record SHA-256 repeated at the top of every page.
 *
 * <p>The templates under {@code src/main/jte} are compiled into this jar by jte-maven-plugin, in HTML mode: every
 * {@code ${...}} is escaped for its context, and none of them uses {@code $unsafe}.
 */
public final class HtmlReport {
    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.exhibit.report.html.templates");

    private HtmlReport() {}

    public static String render(ReportView view) {
        StringOutput out = new StringOutput(1 << 16);
        ENGINE.render("report.jte", Map.of("v", view), out);
        return out.toString();
    }
}
