package dev.exhibit.analyze.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.TestImages;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile image's names (markup, quotes, newlines, escapes, bidi overrides, invalid UTF-8) in every format: in CSV
 * and mactime's columns their display form, one row per line with every field in place; in JSON Lines the exact name
 * (JSON escapes) with its bytes beside it.
 */
class HostileNamesTest {
    private static final Path IMAGE = TestImages.get("hostile");

    /** The names at the top of the hostile tree, as exact bytes with a leading '/'. */
    private static List<byte[]> names() {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode e :
                TestImages.facts("hostile").path("file_systems").get(0).path("entries")) {
            if (e.path("depth").asInt() == 1 && e.path("kind").asText().equals("file")) {
                byte[] name = HexFormat.of().parseHex(e.path("path_hex").asText());
                byte[] path = new byte[name.length + 1];
                path[0] = '/';
                System.arraycopy(name, 0, path, 1, name.length);
                out.add(path);
            }
        }
        assertThat(out).hasSizeGreaterThan(10);
        return out;
    }

    @Test
    void csvAndMactime_showTheDisplayForm_oneRowPerLine() throws CharacterCodingException {
        for (Timeline.Format format : List.of(Timeline.Format.CSV, Timeline.Format.MACTIME)) {
            String text = strictUtf8(Timelines.bytes(IMAGE, Selection.ALL, format, null, null));
            int columns = format == Timeline.Format.CSV ? 13 : 10;
            int pathColumn = format == Timeline.Format.CSV ? 11 : 7;
            List<String> paths = new ArrayList<>();
            for (String line : text.lines().toList()) {
                assertThat(line.chars()).as(line).noneMatch(c -> c < 0x20 || c == 0x7F);
                List<String> fields = Timelines.csvFields(line);
                assertThat(fields).as("%s: %s", format, line).hasSize(columns);
                paths.add(fields.get(pathColumn).replace(" (deleted)", ""));
            }
            for (byte[] name : names()) {
                assertThat(paths).as("%s shows %s", format, Display.of(name)).contains(Display.of(name));
            }
        }
    }

    @Test
    void jsonl_hasTheExactNames() throws Exception {
        String text = strictUtf8(Timelines.bytes(IMAGE, Selection.ALL, Timeline.Format.JSONL, null, null));
        List<String> lines = text.lines().toList();
        for (byte[] name : names()) {
            String b64 = Base64.getEncoder().encodeToString(name);
            JsonNode row = null;
            for (String line : lines) {
                JsonNode r = Jcs.mapper().readTree(line);
                if (r.path("path_bytes").asText().equals(b64)) {
                    row = r;
                    break;
                }
            }
            assertThat(row).as("a row of %s", Display.of(name)).isNotNull();
            if (valid(name)) {
                assertThat(row.path("path").asText()).isEqualTo(new String(name, StandardCharsets.UTF_8));
            } else {
                assertThat(row.path("path").asText()).isEqualTo(Display.of(name));
            }
            assertThat(row.path("message").asText()).startsWith(Display.of(name));
        }
    }

    private static boolean valid(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The output decoded strictly: any byte that is not UTF-8 fails. */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
