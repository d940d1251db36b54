package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.io.IOException;
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

        assertThat(onTty)
                .contains("Acquiring")
                .contains("%")
                .contains("MB/s")
                .contains("now ")
                .contains("copying");
        assertThat(onTty).contains("acquired " + source);
        assertThat(piped.exitCode()).isZero();
        assertThat(piped.stderr())
                .doesNotContain("Acquiring")
                .doesNotContain("\u001b")
                .doesNotContain("\r");
        assertThat(Files.mismatch(source, dir.resolve("tty/image.raw"))).isEqualTo(-1);
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
