package dev.exhibit.acquire.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.CaseFields;
import dev.exhibit.acquire.Progress;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text record reads a log that an attacker may have rewritten: random values of any type in any field, fields
 * and lines removed, lines that are not JSON. Rendering must never throw, and must keep every value on its own line
 * with nothing invisible or restyling in it.
 */
class RecordTextFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONE_SURROGATE = "@@lone-surrogate@@";
    private static final String[] HOSTILE = {
        "\u001b[2J",
        "\n",
        "\r",
        "\u0000",
        "\u202E",
        "\u200B",
        "⟨",
        "⟩",
        "\"",
        "\\",
        "\uFFFD",
        "\uFEFF",
        "😀",
        "é",
        "<b>",
        LONE_SURROGATE,
        "\u2028",
        "\u0085",
        "\uFFFF"
    };

    @TempDir
    Path dir;

    @Test
    void render_ofRandomlyRewrittenLogs_neverThrows_andShowsNothingInvisible() throws IOException {
        Path source = Files.write(dir.resolve("disk.img"), new byte[3 << 20]);
        Path out = dir.resolve("out");
        AcquisitionRecordTextTest.acquire(
                source, out, new CaseFields("C", "E", "X", "D", "N"), 1 << 20, new Cancellation(), Progress.NONE);
        List<String> lines = Files.readAllLines(out.resolve(AcquisitionLog.FILE_NAME), StandardCharsets.UTF_8);
        Random random = new Random(20261207);
        Path mutated = dir.resolve("mutated.jsonl");
        for (int round = 0; round < 400; round++) {
            StringBuilder log = new StringBuilder();
            for (String line : lines) {
                if (random.nextInt(20) == 0) {
                    continue;
                }
                if (random.nextInt(30) == 0) {
                    log.append(randomText(random)).append('\n');
                    continue;
                }
                ObjectNode record = (ObjectNode) JSON.readTree(line);
                mutate(record, random);
                String text = JSON.writeValueAsString(record).replace(LONE_SURROGATE, "\\ud800");
                log.append(text).append('\n');
            }
            Files.writeString(mutated, log, StandardCharsets.UTF_8);

            String rendered = RecordText.render(AcquisitionLog.read(mutated));

            int r = round;
            rendered.codePoints()
                    .forEach(cp -> assertThat(cp == '\n' || cp == Badges.OPEN || !Badges.needed(cp))
                            .as("U+%04X in round %d", cp, r)
                            .isTrue());
        }
    }

    private static void mutate(JsonNode node, Random random) {
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        for (String name : names) {
            JsonNode child = o.get(name);
            switch (random.nextInt(12)) {
                case 0 -> o.remove(name);
                case 1 -> o.put(name, randomText(random));
                case 2 -> o.put(name, random.nextLong());
                case 3 -> o.putNull(name);
                case 4 -> o.put(name, random.nextBoolean());
                case 5 -> o.set(name, JsonNodeFactory.instance.arrayNode().add(randomText(random)));
                case 6 -> o.putObject(name).put(randomText(random), randomText(random));
                default -> mutate(child, random);
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
            sb.append(random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)] : "x" + random.nextInt(100));
        }
        return sb.toString();
    }
}
