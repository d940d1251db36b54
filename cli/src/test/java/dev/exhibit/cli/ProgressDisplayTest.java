package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line appears on a terminal (a pseudo-terminal from script(1)) and never in a pipe. */
class ProgressDisplayTest {
    @TempDir
    Path dir;

    @Test
    void acquire_onATerminal_drawsPercentBytesSpeedAndEta_butNotWhenPiped() throws IOException {
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 256L << 20, 21);

        String onTty = Proc.run(
                        "script",
                        "-qec",
                        shell("acquire", source.toString(), dir.resolve("tty").toString()),
                        "/dev/null")
                .ok()
                .stdout();
        Proc.Result piped = Proc.run(
                "sh",
                "-c",
                shell("acquire", source.toString(), dir.resolve("pipe").toString()));

        assertThat(onTty).contains("Acquiring").contains("%").contains("MiB/s").contains("copying");
        assertThat(onTty).contains("acquired " + source);
        assertThat(piped.exitCode()).isZero();
        assertThat(piped.stderr())
                .doesNotContain("Acquiring")
                .doesNotContain("\u001b")
                .doesNotContain("\r");
        assertThat(Files.mismatch(source, dir.resolve("tty/image.raw"))).isEqualTo(-1);
    }

    @Test
    void acquire_onAn80ColumnTerminal_keepsABarAndEndsAt100Percent() throws IOException {
        // the bar used to shrink to one cell at 80 columns, and the last frame stayed at 99%
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 200L << 20, 22);
        String raw = Proc.run(
                        "script",
                        "-qec",
                        "stty cols 80; "
                                + shell(
                                        "acquire",
                                        source.toString(),
                                        dir.resolve("out").toString()),
                        "/dev/null")
                .ok()
                .stdout();
        String onTty = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);

        List<String> frames =
                List.of(onTty.substring(0, onTty.indexOf("acquired ")).split("[\\r\\n]+"));
        List<String> drawn =
                frames.stream().filter(f -> f.startsWith("Acquiring")).toList();
        assertThat(drawn).isNotEmpty().allSatisfy(f -> {
            assertThat(f.length()).as(f).isLessThanOrEqualTo(80);
            assertThat(f).as(f).containsPattern("│[█▏▎▍▌▋▊▉ ]{" + ProgressLine.MIN_BAR + ",}│");
            assertThat(f).as(f).containsPattern("\\d+\\.\\d/200\\.0 MiB");
        });
        assertThat(drawn.getLast()).startsWith("Acquiring 100% │" + "█".repeat(ProgressLine.MIN_BAR));
        assertThat(drawn.getLast()).contains("200.0/200.0 MiB").contains("took 0:00:");
        assertThat(onTty).doesNotContain(" MB/s");
    }

    /** A shell command running the command line in a child JVM on the test class path. */
    private static String shell(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return String.join(
                " ", cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
    }
}
