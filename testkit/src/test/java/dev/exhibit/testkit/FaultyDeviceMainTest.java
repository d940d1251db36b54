package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line benchmark scripts use, in a child JVM, and what it leaves behind when it ends or is killed. */
class FaultyDeviceMainTest {
    @TempDir
    Path dir;

    @Test
    void main_servesAGibibytePatternWithRandomBadSectorsUntilStdinCloses() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("mnt"));
        Process p = spawn("--size", "1GiB", "--pattern", "3", "--bad", "1000@random:7", "--mount", mount.toString());
        try {
            Path device = Path.of(firstLine(p));
            long size = Long.parseLong(Proc.run("blockdev", "--getsize64", device.toString())
                    .ok()
                    .stdout()
                    .strip());
            assertThat(size).isEqualTo(1L << 30);
            long firstBad = BadSectors.parse("1000@random:7", size / 512).first();
            assertThat(readSector(device, firstBad).exitCode()).isNotZero();
            assertThat(readSector(device, firstBad - 1).exitCode()).isZero();
            assertThat(Files.size(mount.resolve("disk"))).isEqualTo(1L << 30);

            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(mountinfo()).doesNotContain(" " + mount + " ");
            assertThat(loopBackedBy(device, mount)).isFalse();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void main_killedWithSigkill_leavesNoLoopDeviceAndNoMount() throws Exception {
        // Other test runs on this machine may hold faulty-device mounts of their own: only new ones count.
        java.util.Set<String> before = faultyMounts();
        Process p = spawn("--size", "4MiB", "--bad", "10-20");
        try {
            Path device = Path.of(firstLine(p));
            String backing = backing(device);
            // The mount is detached from the tree, so the backing file has lost its directory.
            assertThat(backing).startsWith("/disk ");
            assertThat(faultyMounts()).isSubsetOf(before); // detached as soon as the loop holds the file

            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 10_000;
            while (stillBacked(device, backing) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(stillBacked(device, backing))
                    .as("loop device of the killed JVM")
                    .isFalse();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void main_rejectsUnknownArgumentWithUsage() throws Exception {
        Process p = spawn("--sise", "1GiB");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(stderr()).contains("unknown argument '--sise'").contains("usage:");
    }

    private Process spawn(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                FaultyDevice.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    private String firstLine(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("/dev/loop")) {
            throw new AssertionError("no device path but '" + line + "'; stderr: " + stderr());
        }
        return line;
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    private static Proc.Result readSector(Path device, long sector) {
        return Proc.run("dd", "if=" + device, "of=/dev/null", "bs=512", "count=1", "skip=" + sector, "iflag=direct");
    }

    /** The backing file's path and device number, which tell our FUSE file from a later user's. */
    private static String backing(Path device) {
        return Proc.run("losetup", "--list", "--noheadings", "--output", "BACK-FILE,BACK-MAJ:MIN", device.toString())
                .stdout()
                .strip()
                .replaceAll("\\s+", " ");
    }

    private static boolean stillBacked(Path device, String backing) {
        return backing(device).equals(backing);
    }

    private static boolean loopBackedBy(Path device, Path mount) {
        return backing(device).startsWith(mount.resolve("disk") + " ");
    }

    private static java.util.Set<String> faultyMounts() throws IOException {
        return mountinfo()
                .lines()
                .filter(l -> l.contains("exhibitfaulty"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static String mountinfo() throws IOException {
        return Files.readString(Path.of("/proc/self/mountinfo"));
    }
}
