package dev.exhibit.analyze.tsk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutCheckTest {
    @TempDir
    Path tmp;

    @Test
    void declaredLayouts_matchTheMeasuredTable() {
        assertThat(LayoutCheck.verify()).isEmpty();
    }

    /**
     * Compiles a C program against the installed libtsk headers (libtsk-dev) that prints the offset and size of every
     * member the binding reads, and the version the headers and the library report; the table must match.
     */
    @Test
    void measuredTable_matchesTheInstalledHeaders() throws Exception {
        List<LayoutCheck.Member> members = LayoutCheck.measured();
        StringBuilder c = new StringBuilder("""
                #include <stdio.h>
                #include <stddef.h>
                #include <tsk/libtsk.h>
                int main(void) {
                    printf("version %s %s\\n", TSK_VERSION_STR, tsk_version_get_str());
                """);
        for (LayoutCheck.Member m : members) {
            if (m.member() == null) {
                c.append("    printf(\"%s sizeof %zu\\n\", \"")
                        .append(m.struct())
                        .append("\", sizeof(")
                        .append(m.struct())
                        .append("));\n");
            } else {
                c.append("    printf(\"%s %zu %zu\\n\", \"")
                        .append(m.qualified())
                        .append("\", offsetof(")
                        .append(m.struct())
                        .append(", ")
                        .append(m.member())
                        .append("), sizeof(((")
                        .append(m.struct())
                        .append(" *)0)->")
                        .append(m.member())
                        .append("));\n");
            }
        }
        c.append("    return 0;\n}\n");
        Path source = tmp.resolve("layout.c");
        Files.writeString(source, c, StandardCharsets.US_ASCII);
        Path program = tmp.resolve("layout");
        Proc.run("gcc", "-O0", "-o", program.toString(), source.toString(), "-ltsk")
                .ok();
        String out = Proc.run(program.toString()).ok().stdout();

        Map<String, String> measured = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int space = line.indexOf(' ');
            measured.put(line.substring(0, space), line.substring(space + 1));
        }
        assertThat(measured.get("version")).as("headers and library").matches("4\\.11\\.\\d+ 4\\.11\\.\\d+");
        Map<String, String> expected = new LinkedHashMap<>();
        for (LayoutCheck.Member m : members) {
            expected.put(m.qualified(), m.member() == null ? "sizeof " + m.size() : m.offset() + " " + m.size());
        }
        measured.remove("version");
        assertThat(measured).containsExactlyEntriesOf(expected);
    }
}
