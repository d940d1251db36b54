package dev.exhibit.analyze.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyfileSourceTest {
    @TempDir
    Path tmp;

    private String timeline(String body, Timeline.Format format) throws IOException {
        Path file =
                Files.write(tmp.resolve("in-" + System.nanoTime() + ".body"), body.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Timeline t = new Timeline(format, null, null, tmp)) {
            t.bodyfile(file);
            t.write(Channels.newChannel(out));
        }
        return out.toString(StandardCharsets.UTF_8)
                .lines()
                .skip(1)
                .map(l -> l.replace(file.toString(), "B"))
                .reduce("", (a, l) -> a + l + "\n");
    }

    /** mactime drops a line whose name holds '|' and truncates fractions; both are kept. */
    @Test
    void read_keepsNamesWithBars_andFractionsOfSeconds() throws IOException {
        String body = "0|/a|b.txt|12|r/rrw-r--r--|0|0|5|1577934245.987654321|1577934245.5|1577934246|0\n";
        assertThat(timeline(body, Timeline.Format.MACTIME))
                .isEqualTo("2020-01-02T03:04:05.500000000Z,5,m...,r/rrw-r--r--,0,0,12,\"/a|b.txt\",\"B\",\n"
                        + "2020-01-02T03:04:05.987654321Z,5,.a..,r/rrw-r--r--,0,0,12,\"/a|b.txt\",\"B\",\n"
                        + "2020-01-02T03:04:06.000000000Z,5,..c.,r/rrw-r--r--,0,0,12,\"/a|b.txt\",\"B\",\n");
    }

    /** Comments, blank lines and CRLF are read as mactime reads them; negative times count back from 1970. */
    @Test
    void read_skipsCommentsAndBlankLines_andReadsNegativeTimes() throws IOException {
        String body = "# fls output\r\n\r\n   \n0|/old|5|r/r---------|1|2|3|-1.25|-86400|0|0\r\n";
        assertThat(timeline(body, Timeline.Format.CSV))
                .isEqualTo("1969-12-31T00:00:00.000000000Z,m...,metadata,\"B\",,5,unknown,3,r/r---------,1,2,"
                        + "\"/old\",\n"
                        + "1969-12-31T23:59:58.750000000Z,.a..,metadata,\"B\",,5,unknown,3,r/r---------,1,2,"
                        + "\"/old\",\n");
    }

    /** An NTFS $FILE_NAME line (address N-48-ID) is marked as such; its name is kept as the body file has it. */
    @Test
    void read_marksFileNameLines() throws IOException {
        String body = "0|/x ($FILE_NAME)|64-48-3|r/rrwxrwxrwx|48|0|82|10|10|10|10\n";
        assertThat(timeline(body, Timeline.Format.MACTIME)).contains(",macb,", "\"/x ($FILE_NAME)\"");
        assertThat(timeline(body, Timeline.Format.CSV)).contains(",macb,$FILE_NAME,");
    }

    @Test
    void read_namesTheFileAndLineOfWhatItCannotRead() {
        List<String[]> cases = List.of(
                new String[] {"0|/a|1|r|0|0|0|1|2|3\n", "line 1 has 10 fields"},
                new String[] {"# c\n0|/a|1|r/r|0|0|0|x|2|3|4\n", "line 2 has atime 'x', not seconds"},
                new String[] {"0|/a|1|r/r|0|0|-5|1|2|3|4\n", "line 1 has size '-5', not a number"},
                new String[] {"0|/a||r/r|0|0|5|1|2|3|4\n", "line 1 has inode of 0 bytes"},
                new String[] {"0|/a|1|r/r|0|0|5|1.0123456789|2|3|4\n", "line 1 has atime '1.0123456789'"},
                new String[] {"0|/a|1|r,r|0|0|5|1|2|3|4\n", "line 1 has mode 'r,r', not printable"},
                new String[] {"no bars at all\n", "line 1 has 1 field where"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> timeline(c[0], Timeline.Format.CSV))
                    .as(c[0])
                    .isInstanceOf(ExhibitException.class)
                    .hasMessageContaining(".body: " + c[1]);
        }
    }

    /** Random damage to valid lines: every result is rows or one ExhibitException naming a line, nothing else. */
    @Test
    void fuzz_readNeverFailsOtherwiseThanNamingTheLine() throws IOException {
        byte[] valid = ("0|/Documents/notes.md|66-128-2|r/rrwxrwxrwx|48|0|51|1705888804|1705888804.5|1709294400|"
                        + "1709294400\n0|/a|b ($FILE_NAME)|64-48-3|d/drwxr-xr-x|0|0|82|-1|0|1|2\n")
                .getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(0x626f6479L);
        byte[] alphabet = "0123456789|.-\n\r# /$aZ\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 5000; round++) {
            byte[] b = valid.clone();
            for (int k = random.nextInt(1, 6); k > 0; k--) {
                b[random.nextInt(b.length)] =
                        random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            Events events =
                    new Events(new EventSorter(new EventSorter.Limits(1 << 16, 64, 4, 1024), tmp), Events.Range.ALL);
            try {
                new BodyfileSource("fuzz.body", events).read(new ByteArrayInputStream(b));
            } catch (ExhibitException e) {
                assertThat(e.getMessage()).startsWith("fuzz.body: line ");
                assertThat(e.kind()).isEqualTo(ExhibitException.Kind.EVIDENCE);
            }
        }
    }
}
