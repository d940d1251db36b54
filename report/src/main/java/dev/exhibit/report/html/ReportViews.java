package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.html.ReportView.CommandRow;
import dev.exhibit.report.html.ReportView.CustodyView;
import dev.exhibit.report.html.ReportView.Detail;
import dev.exhibit.report.html.ReportView.EventRow;
import dev.exhibit.report.html.ReportView.ItemView;
import dev.exhibit.report.html.ReportView.LogRow;
import dev.exhibit.report.html.ReportView.StatementGroup;
import dev.exhibit.report.html.ReportView.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Reduces a record to what the page shows: the summary verdict first, then every detail. */
public final class ReportViews {
    private ReportViews() {}

    public static ReportView of(
            JsonNode record, String recordSha256, ReportView.SignatureView signature, List<String> verifyCommands) {
        JsonNode report = record.path("report");
        JsonNode caseContent = record.path("case").path("content");
        List<HtmlText> examiners = new ArrayList<>();
        for (JsonNode e : record.path("examiners")) {
            String org = e.path("organisation").isTextual()
                    ? " (" + e.path("organisation").asText() + ")"
                    : "";
            examiners.add(HtmlText.of(e.path("name").asText() + org));
        }
        List<ItemView> items = new ArrayList<>();
        for (JsonNode item : record.path("evidence")) {
            items.add(ItemViews.of(item));
        }
        CustodyView custody = custody(record.path("custody"));
        List<HtmlText> verdictLines = new ArrayList<>();
        Verdict verdict = verdict(items, record, verdictLines);
        List<CommandRow> commands = new ArrayList<>();
        for (JsonNode c : record.path("commandLines")) {
            commands.add(new CommandRow(
                    c.path("time").asText(), text(c, "commandLine"), text(c, "tool"), text(c, "recordedIn")));
        }
        List<LogRow> logs = new ArrayList<>();
        for (JsonNode l : record.path("logs")) {
            logs.add(new LogRow(
                    text(l, "file"), l.path("kind").asText(), l.path("records").asText(), hex(l, "headHash")));
        }
        List<StatementGroup> statements = new ArrayList<>();
        for (JsonNode g : record.path("statements")) {
            List<HtmlText> facts = new ArrayList<>();
            g.path("facts").forEach(f -> facts.add(HtmlText.of(f.asText())));
            String item = g.path("item").asText("");
            statements.add(new StatementGroup(g.path("item").isTextual() ? "Item " + item : "Custody", facts));
        }
        JsonNode tool = report.path("tool");
        return new ReportView(
                report.path("id").asText(),
                report.path("issued").asText(),
                new Hex(recordSha256),
                text(caseContent, "caseNumber"),
                text(caseContent, "title"),
                examiners,
                signature,
                verdict,
                verdictLines,
                items,
                custody,
                commands,
                logs,
                statements,
                FindingsViews.of(record.path("findings")),
                report.path("statement").asText(),
                text(report, "validationReference"),
                report.path("timeNote").asText(),
                Units.NOTE,
                HtmlText.of(
                        tool.path("name").asText() + " " + tool.path("version").asText() + " (commit "
                                + tool.path("commit").asText()
                                + ("true".equals(tool.path("dirty").asText()) ? ", modified" : "")
                                + ")"),
                List.copyOf(verifyCommands));
    }

    private static Verdict verdict(List<ItemView> items, JsonNode record, List<HtmlText> lines) {
        Verdict v = Verdict.VERIFIED;
        if (items.isEmpty()) {
            v = Verdict.ATTENTION;
            lines.add(HtmlText.of("The case holds no evidence item."));
        }
        for (ItemView i : items) {
            String css = i.verificationCss();
            if (css.equals("mismatch")) {
                v = Verdict.MISMATCH;
            } else if (css.equals("attention") && v == Verdict.VERIFIED) {
                v = Verdict.ATTENTION;
            }
            String bad = i.badSectorCount() > 0 ? "; " + i.badSectorCount() + " unreadable sectors filled" : "";
            lines.add(HtmlText.of(
                    "Item " + i.id() + ": acquisition " + i.status() + ", " + i.verification() + bad + "."));
            if (!custodyNames(record, i.id())) {
                if (v == Verdict.VERIFIED) {
                    v = Verdict.ATTENTION;
                }
                lines.add(HtmlText.of("Item " + i.id() + ": no custody event names it."));
            }
        }
        java.util.Set<String> acquired = new java.util.HashSet<>();
        items.forEach(i -> acquired.add(i.id()));
        java.util.Set<String> onlyInCustody = new java.util.TreeSet<>();
        for (JsonNode e : record.path("custody").path("events")) {
            if (e.path("item").isTextual() && !acquired.contains(e.path("item").asText())) {
                onlyInCustody.add(e.path("item").asText());
            }
        }
        for (String id : onlyInCustody) {
            lines.add(HtmlText.of("Item " + id + ": custody events recorded; not acquired into this case."));
        }
        JsonNode log = record.path("custody").path("log");
        long continued = 0;
        for (JsonNode e : record.path("custody").path("events")) {
            continued += "chain-continued".equals(e.path("type").asText()) ? 1 : 0;
        }
        lines.add(HtmlText.of("Custody: " + log.path("records").asText() + " events; hash chain "
                + (continued == 0
                        ? "intact when issued."
                        : "broken and continued " + continued + " time(s) before issue (see the custody table).")));
        if (continued > 0 && v == Verdict.VERIFIED) {
            v = Verdict.ATTENTION;
        }
        return v;
    }

    private static boolean custodyNames(JsonNode record, String id) {
        for (JsonNode e : record.path("custody").path("events")) {
            if (id.equals(e.path("item").asText())) {
                return true;
            }
        }
        return false;
    }

    private static CustodyView custody(JsonNode custody) {
        List<EventRow> rows = new ArrayList<>();
        for (JsonNode e : custody.path("events")) {
            JsonNode inv = e.path("invocation");
            rows.add(new EventRow(
                    // the line in custody.log.jsonl, from 1, as the command lines and custody list count it
                    e.path("seq").canConvertToLong()
                            ? Long.toString(e.path("seq").asLong() + 1)
                            : "—",
                    e.path("at").asText(e.path("time").asText()),
                    e.path("atAsGiven").isTextual() ? e.path("atAsGiven").asText() : "",
                    e.path("type").asText(),
                    text(e, "item"),
                    text(e, "from"),
                    text(e, "to"),
                    text(e, "location"),
                    text(e, "purpose"),
                    text(e, "seal"),
                    text(e, "condition"),
                    HtmlText.of(
                            inv.path("user").asText("") + "@" + inv.path("host").asText("")),
                    e.path("time").asText(),
                    details(e)));
        }
        JsonNode log = custody.path("log");
        return new CustodyView(log.path("records").asLong(), hex(log, "headHash"), rows);
    }

    /** What an automatic event records beyond who, where and why: the file or log it anchors, and its hash. */
    private static List<Detail> details(JsonNode e) {
        List<Detail> out = new ArrayList<>();
        switch (e.path("type").asText()) {
            case "case-open" -> out.add(new Detail("Case file", text(e, "caseFile"), hex(e, "caseFileSha256")));
            case "acquire" -> {
                out.add(new Detail(
                        "Acquisition log",
                        HtmlText.of(e.path("log").asText() + ", "
                                + e.path("logRecords").asText() + " records, status "
                                + e.path("status").asText() + "; SHA-256 of its last line"),
                        hex(e, "logHeadHash")));
                e.path("hashes")
                        .properties()
                        .forEach(h -> out.add(new Detail(
                                "Acquired " + AcquisitionFacts.algorithm(h.getKey()),
                                HtmlText.of(""),
                                new Hex(h.getValue().asText()))));
            }
            case "report" ->
                out.add(new Detail(
                        "Report " + e.path("reportId").asText(), HtmlText.of("record.json"), hex(e, "recordSha256")));
            case "chain-continued" -> {
                List<String> lines = new ArrayList<>();
                e.path("acknowledges").forEach(a -> lines.add(a.path("line").asText()));
                out.add(new Detail(
                        "Hash chain broken and continued (no line changed)",
                        HtmlText.of("breaks at line(s) " + String.join(", ", lines) + "; reason: "
                                + e.path("reason").asText()),
                        new Hex("")));
            }
            default -> {}
        }
        return out;
    }

    static HtmlText text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return HtmlText.of(v.isMissingNode() || v.isNull() ? "" : v.asText());
    }

    static Hex hex(JsonNode n, String field) {
        return new Hex(n.path(field).asText(""));
    }
}
