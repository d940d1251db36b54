package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit writeblock} on real loop devices (as root). */
class WriteblockCommandTest {
    @TempDir
    Path dir;

    @Test
    void writeblock_setsTheFlagOnDiskAndPartitions_statusReportsIt_releaseClearsIt() throws IOException {
        Path image = DiskImages.gpt(dir.resolve("gpt.img"), "32M", "8M", "8M");
        try (LoopDevice loop =
                LoopDevice.attach(image, LoopDevice.Options.writable().withPartitions())) {
            String p2 = loop.partitions().get(1).toString();
            CliRunner.Result set = CliRunner.run("writeblock", p2);
            assertThat(set.exit()).as(set.toString()).isEqualTo(ExitCodes.OK);
            // A partition names its disk: the whole disk is write-blocked.
            assertThat(set.out()).startsWith(loop.path() + " (disk " + loop.path() + "): write-blocked");
            for (Path node : new Path[] {
                loop.path(), loop.partitions().get(0), loop.partitions().get(1)
            }) {
                assertThat(Proc.run("blockdev", "--getro", node.toString())
                                .ok()
                                .stdout()
                                .strip())
                        .isEqualTo("1");
            }

            CliRunner.Result status =
                    CliRunner.run("writeblock", "--status", loop.path().toString());
            assertThat(status.exit()).isEqualTo(ExitCodes.OK);
            assertThat(status.out())
                    .contains("write-blocked")
                    .contains("in use: nothing mounted")
                    .contains("HPA: not-checked")
                    .contains("method kernel-read-only-flag");

            CliRunner.Result json = CliRunner.run(
                    "writeblock", "--status", "--json", loop.path().toString());
            JsonNode n = new ObjectMapper().readTree(json.out());
            assertThat(n.get("writeBlock").get("readOnly").asBoolean()).isTrue();
            assertThat(n.get("device").get("transport").asText()).isEqualTo("loop");
            assertThat(n.get("hpa").get("state").asText()).isEqualTo("not-checked");

            CliRunner.Result release =
                    CliRunner.run("writeblock", "--release", loop.path().toString());
            assertThat(release.exit()).isEqualTo(ExitCodes.OK);
            assertThat(release.out()).contains("released, now NOT write-blocked (writable)");
            assertThat(Proc.run("blockdev", "--getro", p2).ok().stdout().strip())
                    .isEqualTo("0");
        }
    }

    @Test
    void status_ofAMountedDevice_namesTheMountPoint() throws IOException {
        Path image = DiskImages.blank(dir.resolve("fs.img"), "16M");
        Proc.run("mkfs.ext4", "-q", image.toString()).ok();
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.readOnlyDisk())) {
            Path mnt = Files.createDirectory(dir.resolve("evidence"));
            Proc.run("mount", "-o", "ro", loop.path().toString(), mnt.toString())
                    .ok();
            try {
                CliRunner.Result r =
                        CliRunner.run("writeblock", "--status", loop.path().toString());
                assertThat(r.out())
                        .contains("read-only but in use")
                        .contains("in use: " + loop.path() + " is mounted at " + mnt + " (ext4)");
            } finally {
                Proc.run("umount", mnt.toString()).ok();
            }
        }
    }

    @Test
    void notABlockDevice_isAUsageErrorOnOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRunner.Result r = CliRunner.run("writeblock", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("exhibit: error: " + file + " is not a block device");
    }

    @Test
    void missingDevice_isAnEnvironmentError() {
        CliRunner.Result r = CliRunner.run("writeblock", dir.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(r.err()).contains("no such file or directory").contains("nope");
    }

    @Test
    void options_areExclusiveAndDeviceIsRequired() {
        assertThat(CliRunner.run("writeblock", "--status", "--release", "/dev/null")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
        CliRunner.Result none = CliRunner.run("writeblock");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("DEVICE is required");
        assertThat(CliRunner.run("writeblock", "--install-udev-rule", "/dev/sdb")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void udevRule_installsAndRemoves() throws IOException {
        Path rule = dir.resolve("rules.d/61-exhibit-writeblock.rules");
        CliRunner.Result install = CliRunner.run("writeblock", "--install-udev-rule", "--rules-file", rule.toString());
        assertThat(install.exit()).as(install.toString()).isEqualTo(ExitCodes.OK);
        assertThat(install.out()).startsWith("installed " + rule).contains("--remove-udev-rule --rules-file " + rule);
        assertThat(Files.readString(rule)).contains("installed by: exhibit ");

        CliRunner.Result remove = CliRunner.run("writeblock", "--remove-udev-rule", "--rules-file", rule.toString());
        assertThat(remove.out()).startsWith("removed " + rule);
        assertThat(rule).doesNotExist();
        assertThat(CliRunner.run("writeblock", "--remove-udev-rule", "--rules-file", rule.toString())
                        .out())
                .contains("nothing removed");
    }

    @Test
    void printable_showsControlCharactersEscaped() {
        assertThat(WriteblockCommand.printable("WDC\u001b[31m\nX\u00e9")).isEqualTo("WDC\\x1b[31m\\x0aX\u00e9");
    }
}
