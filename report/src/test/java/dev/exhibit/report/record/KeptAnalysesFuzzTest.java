package dev.exhibit.report.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.fixtures.Markup;
import dev.exhibit.report.html.HtmlReport;
import dev.exhibit.report.html.ReportViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code hashsets.json} and {@code manifest.json} are files of the case that anyone holding it can rewrite, and the
 * record carries them as they are: values of any type in any member, members removed. The statements and the page
 * must never throw on them, and the page must never carry their markup.
 */
class KeptAnalysesFuzzTest {
    private static final String[] VALUES = {"<script>x</script>", "\u202E", "", "/a/b", "\u001b[2J", "⟨", "a/"};

    @Test
    void statementsAndPage_ofRandomlyRewrittenKeptAnalyses_neverThrow_andEscapeMarkup() {
        Random random = new Random(20261208);
        int escapedShown = 0;
        for (int round = 0; round < 300; round++) {
            ObjectNode item = item();
            mutate(item.get("analysisFiles"), random);
            mutate(item.get("hashSets"), random);
            ObjectNode record = Jcs.object();
            record.putArray("evidence").add(item);
            record.putObject("custody").putObject("log");

            JsonNode statements = Statements.of(record);
            assertThat(statements.isArray()).isTrue();
            // the page may break a path after a slash; what it shows is read without those aids
            String html = Markup.lineBreaksLeftOut(
                    HtmlReport.render(ReportViews.of(record, "00".repeat(32), null, List.of())));
            assertThat(html).as("round %d", round).doesNotContain("<script>x");
            escapedShown += html.contains("/&lt;script&gt;x&lt;/script&gt;") ? 1 : 0;
        }
        assertThat(escapedShown)
                .as("rounds that left the hostile path in place show it escaped")
                .isPositive();
    }

    private static ObjectNode item() {
        ObjectNode item = Jcs.object();
        item.put("id", "EV-1");
        item.putObject("log").put("file", "evidence/EV-1/acquisition.log.jsonl");
        ObjectNode f = item.putArray("analysisFiles").addObject();
        f.put("file", "evidence/EV-1/analysis/hashsets.json");
        f.put("sha256", "ab".repeat(32));
        f.put("bytes", 10);
        f.put("commandLine", "exhibit analyze files --case c --id EV-1");
        f.put("tool", "exhibit 1 (commit x)");
        f.put("created", "2026-12-08T00:00:00Z");
        ObjectNode h = item.putObject("hashSets");
        ObjectNode set = h.putArray("sets").addObject();
        set.put("name", "bad");
        set.put("kind", "notable");
        set.put("description", "d");
        set.putArray("indexes").addObject().put("algorithm", "sha256").put("count", 1);
        set.putArray("sources").addObject().put("file", "bad.txt").put("sha256", "cd".repeat(32));
        h.putObject("counts").put("hashedStreams", 2).put("knownStreams", 0).put("notableStreams", 1);
        ObjectNode hit = h.putArray("notable").addObject();
        hit.put("partition", "p1");
        hit.put("path", "/<script>x</script>");
        hit.put("pathBytes", "PHNjcmlwdD54PC9zY3JpcHQ+");
        hit.put("inode", "12");
        hit.put("sha256", "cd".repeat(32));
        hit.putArray("hashsets").add("bad");
        return item;
    }

    /** Replaces, removes or retypes members at every depth, each with a small probability. */
    private static void mutate(JsonNode node, Random random) {
        if (node instanceof ObjectNode o) {
            for (String name : new ArrayList<>(List.copyOf(iterable(o)))) {
                switch (random.nextInt(12)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.set(name, randomValue(random));
                    default -> mutate(o.get(name), random);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (random.nextInt(12) == 0) {
                    a.set(i, randomValue(random));
                } else {
                    mutate(a.get(i), random);
                }
            }
        }
    }

    private static List<String> iterable(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode randomValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(7)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.booleanNode(random.nextBoolean());
            case 3 -> f.arrayNode().add(VALUES[random.nextInt(VALUES.length)]);
            case 4 -> f.objectNode().put("x", VALUES[random.nextInt(VALUES.length)]);
            case 5 -> f.numberNode(random.nextDouble());
            default -> f.textNode(VALUES[random.nextInt(VALUES.length)]);
        };
    }
}
