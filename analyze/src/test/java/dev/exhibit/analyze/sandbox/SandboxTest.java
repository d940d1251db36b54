package dev.exhibit.analyze.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.tsk.Libtsk;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtsk 4.11.1 aborts (FORTIFY, SIGABRT) entering a directory whose path is exactly 4,095 bytes ({@code
 * path-overflow}); in this JVM that would be the end of the test run. In the sandbox it is one clear error.
 */
class SandboxTest {
    @TempDir
    Path tmp;

    @Test
    void files_containsACrashInsideLibtsk_keepingEveryRecordCompletedBeforeIt() throws Exception {
        Path image = TestImages.get("path-overflow");
        Unchanged before = Unchanged.of(TestImages.segments("path-overflow"));
        Proc.Result fls = Tsk.run("fls", "-r", "-m", "/", image.toString());
        assertThat(fls.exitCode()).as("fls dies of the same bug").isEqualTo(134);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> warnings = new ArrayList<>();

        assertThatThrownBy(() -> Sandbox.files(
                        request(image, Selection.ALL),
                        new Sandbox.Output.Stream(out),
                        Diagnostics.of(warnings::add, warnings::add)))
                .isInstanceOfSatisfying(ExhibitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExhibitException.Kind.EVIDENCE);
                    assertThat(e.getMessage())
                            .startsWith("libtsk crashed (SIGABRT: *** buffer overflow detected ***")
                            .contains(image.toString())
                            .contains("entering directory 'long01_")
                            .contains("(4095 bytes")
                            .doesNotContain("\n");
                });
        String ours = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(ours).endsWith("\n");
        // every line fls finished before it died, and the directory being entered last
        String flsComplete = fls.stdout().substring(0, fls.stdout().lastIndexOf('\n') + 1);
        assertThat(ours).startsWith(flsComplete);
        String last = ours.lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last.split("\\|")[1]).hasSize(1 + 4095);
        before.verify();
    }

    @Test
    void files_goesOnWithTheNextFileSystemAfterACrash() throws Exception {
        Path disk = twoPartitions(TestImages.get("path-overflow"), TestImages.get("fat12"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> warnings = new ArrayList<>();
        assertThatThrownBy(() -> Sandbox.files(
                        request(disk, Selection.ALL),
                        new Sandbox.Output.Stream(out),
                        Diagnostics.of(warnings::add, warnings::add)))
                .hasMessageContaining("in partition p1 (sector 2048");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("going on with the next file system"));
        String fat = new String(Tsk.bodyfile(TestImages.get("fat12"), 0, null), StandardCharsets.ISO_8859_1)
                .replace("0|/", "0|vol3/");
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).endsWith(fat).contains("0|vol2/before.txt|");
    }

    @Test
    void summary_recordsTheCrashAsAProblemAndStillDescribesTheFileSystem() throws Exception {
        JsonNode s = Sandbox.summary(
                TestImages.get("path-overflow"),
                Invocation.of("exhibit", List.of("analyze")),
                true,
                Diagnostics.ignored());
        JsonNode fs = s.path("fileSystems").get(0);
        assertThat(fs.path("type").asText()).isEqualTo("ext4");
        assertThat(fs.path("complete").asBoolean()).isFalse();
        assertThat(fs.path("files").isNull()).isTrue();
        assertThat(s.path("problems").get(0).path("message").asText()).contains("SIGABRT");
    }

    @Test
    void files_withoutLibtsk_saysHowToInstallIt() {
        System.setProperty(Libtsk.SONAME_PROPERTY, "libtsk-absent.so.0");
        try {
            assertThatThrownBy(() -> Sandbox.files(
                            request(TestImages.get("fat12"), Selection.ALL),
                            new Sandbox.Output.Stream(new ByteArrayOutputStream()),
                            Diagnostics.ignored()))
                    .isInstanceOfSatisfying(ExhibitException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExhibitException.Kind.ENVIRONMENT);
                        assertThat(e.getMessage())
                                .contains("apt-get install libtsk19")
                                .doesNotContain("\n");
                    });
        } finally {
            System.clearProperty(Libtsk.SONAME_PROPERTY);
        }
    }

    @Test
    void files_reportsDamageAsTheWorkerSawIt() {
        Path garbage = TestImages.get("garbage");
        assertThatThrownBy(() -> Sandbox.files(
                        request(garbage, new Selection(null, 0L)),
                        new Sandbox.Output.Stream(new ByteArrayOutputStream()),
                        Diagnostics.ignored()))
                .isInstanceOfSatisfying(ExhibitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExhibitException.Kind.EVIDENCE);
                    assertThat(e.getMessage()).startsWith(garbage + ": file system at byte offset 0");
                });
    }

    /** A worker stopped by SIGTERM or Ctrl-C was interrupted, not crashed: status 130, output kept. */
    @Test
    void stoppedWorker_isAnInterruptionNotACrash() throws Exception {
        Worker.Started worker = Worker.start(false);
        // SIGTERM as a terminal or kill(1) sends it (Process.destroy() would also close the pipes)
        assertThat(worker.process().toHandle().destroy()).isTrue();
        assertThat(worker.process().waitFor()).isEqualTo(143);
        assertThatThrownBy(() -> Worker.run(
                        worker,
                        "files",
                        Requests.files(request(TestImages.get("fat12"), Selection.ALL)),
                        new Sandbox.Output.Stream(new ByteArrayOutputStream()),
                        Diagnostics.ignored()))
                .isInstanceOfSatisfying(ExhibitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExhibitException.Kind.INTERRUPTED);
                    assertThat(e.getMessage()).startsWith("interrupted (SIGTERM)");
                });
    }

    /** A bug in the worker: one line for the user, the worker's own stack trace kept for --debug. */
    @Test
    void unexpectedFailureInTheWorker_isOneLineWithTheTraceAsCause() {
        assertThatThrownBy(() -> Worker.run(
                        Worker.start(false),
                        "no-such-command",
                        List.of(),
                        new Sandbox.Output.Stream(new ByteArrayOutputStream()),
                        Diagnostics.ignored()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the analysis worker failed: java.lang.IllegalArgumentException: unknown worker command"
                        + " no-such-command")
                .cause()
                .hasMessageContaining("\tat dev.exhibit.analyze.sandbox.WorkerMain");
    }

    private static FileListing.Request request(Path image, Selection selection) {
        return new FileListing.Request(image, selection, FileListing.Format.BODYFILE);
    }

    /** An MBR disk: partition 1 at sector 2048 holding {@code first}, partition 2 right after holding {@code second}. */
    private Path twoPartitions(Path first, Path second) throws IOException {
        long a = Files.size(first) / 512;
        long b = Files.size(second) / 512;
        Path disk = tmp.resolve("two.img");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength((2048 + a + b + 2048) * 512);
        }
        Proc.Result r = Proc.run(
                tmp,
                List.of(
                        "sh",
                        "-c",
                        "printf '2048,%d,83\\n%d,%d,0c\\n' " + a + " " + (2048 + a) + " " + b
                                + " | sfdisk -q --no-reread --no-tell-kernel " + disk));
        r.ok();
        Proc.run("dd", "if=" + first, "of=" + disk, "bs=512", "seek=2048", "conv=notrunc", "status=none")
                .ok();
        Proc.run("dd", "if=" + second, "of=" + disk, "bs=512", "seek=" + (2048 + a), "conv=notrunc", "status=none")
                .ok();
        return disk;
    }
}
