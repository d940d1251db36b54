package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Unchanged;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit timeline}, end to end through picocli and the sandbox worker. */
class TimelineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void timeline_ofImagesAndABodyFile_isOneTimeline_withImageAndPartitionOnEachRow() throws IOException {
        Path gpt = TestImages.get("gpt");
        Path fat12 = TestImages.get("fat12");
        Path body =
                Files.writeString(tmp.resolve("extra.body"), "0|/from-fls.txt|5|r/rrw-r--r--|0|0|9|1|1700000000|1|1\n");
        Unchanged before = Unchanged.of(List.of(gpt, fat12));
        CliRunner.BytesResult r = CliRunner.runBytes(
                "timeline", gpt.toString(), fat12.toString(), "--bodyfile", body.toString(), "--format", "csv");
        before.verify();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> rows = r.text().lines().skip(1).toList();
        assertThat(r.text().lines().findFirst().orElseThrow())
                .isEqualTo("time,macb,source,image,partition,inode,state,size,mode,uid,gid,path,symlink_target");
        assertThat(rows).anyMatch(l -> l.contains(",\"" + gpt + "\",p1,"));
        assertThat(rows).anyMatch(l -> l.contains(",\"" + gpt + "\",p4,"));
        assertThat(rows).anyMatch(l -> l.contains(",\"" + fat12 + "\",,"));
        assertThat(rows)
                .anyMatch(l -> l.startsWith("2023-11-14T22:13:20.000000000Z,m...,metadata,\"" + body + "\",,5,"));
        assertThat(rows.stream().map(l -> l.substring(0, 30)).toList()).isSorted();
    }

    @Test
    void from_withoutAZone_isRefused_neverReadInTheMachinesZone() {
        CliRunner.Result r =
                CliRunner.run("timeline", TestImages.get("fat12").toString(), "--from", "2024-01-21T19:00:00");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("'2024-01-21T19:00:00' has no zone; give it in UTC (2024-01-21T19:00:00Z) or with its"
                        + " offset (+01:00)");
        CliRunner.Result date =
                CliRunner.run("timeline", TestImages.get("fat12").toString(), "--to", "2024-01-21");
        assertThat(date.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(date.err()).contains("(2024-01-21T00:00:00Z)");
    }

    @Test
    void fromAndTo_withAnOffset_areTheInstantTheyName() {
        // 20:00:00+01:00 is 19:00:00Z: the fat12 tree's first file, README.TXT, is modified 2024-01-21T12:00:00Z
        CliRunner.BytesResult r = CliRunner.runBytes(
                "timeline",
                TestImages.get("fat12").toString(),
                "--from",
                "2024-01-21T13:00:00+01:00",
                "--to",
                "2024-01-21T12:00:00.000000001Z",
                "--format",
                "csv");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.text().lines().skip(1)).singleElement().asString().startsWith("2024-01-21T12:00:00.000000000Z,m");
    }

    /** A partition without a readable file system is a problem: the timeline of the rest is written, status 1. */
    @Test
    void damagedPartition_theRestIsWritten_andTheStatusSaysSo() throws IOException {
        Path damaged = TestImages.copy("mbr", tmp);
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
            // the NTFS boot sector of p5 (sector 22528)
            ch.write(java.nio.ByteBuffer.allocate(512), 22528L * 512);
        }
        Path garbage = TestImages.get("garbage");
        CliRunner.BytesResult r =
                CliRunner.runBytes("timeline", damaged.toString(), garbage.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.err()).contains("partition p5 (sector 22528) skipped: ").contains(garbage + ": ");
        List<String> partitions =
                r.text().lines().skip(1).map(l -> l.split(",")[4]).distinct().toList();
        assertThat(partitions).containsExactlyInAnyOrder("p1", "p2", "p6");
    }

    @Test
    void badRequests_areUsageErrors() throws IOException {
        assertThat(CliRunner.run("timeline").err()).contains("give at least one IMAGE or --bodyfile FILE");
        Path out = Files.writeString(tmp.resolve("taken.csv"), "keep me");
        CliRunner.Result taken =
                CliRunner.run("timeline", TestImages.get("fat12").toString(), "--out", out.toString());
        assertThat(taken.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(out)).isEqualTo("keep me");
        CliRunner.Result backwards = CliRunner.run(
                "timeline",
                TestImages.get("fat12").toString(),
                "--from",
                "2024-01-02T00:00:00Z",
                "--to",
                "2024-01-01T00:00:00Z");
        assertThat(backwards.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(backwards.err()).contains("is not before --to");
        CliRunner.Result missing =
                CliRunner.run("timeline", "--bodyfile", tmp.resolve("none.body").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.ENVIRONMENT);
    }

    /**
     * Two million events in a 64 MiB heap: the sort spills runs to --temp-dir and merges them; the output is whole and
     * in order, and the runs are gone afterwards.
     */
    @Test
    void twoMillionEvents_sortInA64MiBHeap() throws Exception {
        Path body = tmp.resolve("big.body");
        int lines = 500_000;
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter w = Files.newBufferedWriter(body, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                w.write("0|/dir" + i % 997 + "/file" + i + ".txt|" + i + "|r/rrw-r--r--|1000|1000|" + i % 4096);
                for (int t = 0; t < 4; t++) {
                    // distinct times: four events per line
                    w.write("|" + (1_000_000_000L + random.nextLong(700_000_000L)) + "." + (100_000_000 + t));
                }
                w.write('\n');
            }
        }
        Path spill = Files.createDirectory(tmp.resolve("spill"));
        Path out = tmp.resolve("big.csv");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "timeline",
                "--bodyfile",
                body.toString(),
                "--format",
                "csv",
                "--temp-dir",
                spill.toString(),
                "--out",
                out.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log"))).isZero();
        assertThat(Files.readString(tmp.resolve("log"))).contains("wrote 2,000,000 rows (2,000,000 events)");
        long count = 0;
        String previous = "";
        try (BufferedReader r = Files.newBufferedReader(out)) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; count++) {
                String time = line.substring(0, 30);
                assertThat(time.compareTo(previous)).as(line).isGreaterThanOrEqualTo(0);
                previous = time;
            }
        }
        assertThat(count).isEqualTo(4L * lines);
        assertThat(spill).isEmptyDirectory();
    }
}
