package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopDeviceTest {
    @TempDir
    Path dir;

    @Test
    void attach_withPartitions_showsEveryPartitionAndDropsThemOnClose() throws IOException {
        Path image = DiskImages.gpt(dir.resolve("gpt.img"), "32M", "8M", "8M");
        String name;
        try (LoopDevice loop =
                LoopDevice.attach(image, LoopDevice.Options.writable().withPartitions())) {
            name = loop.name();
            assertThat(loop.partitions())
                    .containsExactly(Path.of("/dev/" + name + "p1"), Path.of("/dev/" + name + "p2"));
            assertThat(Files.isSameFile(loop.partitions().getFirst(), Path.of("/dev", name + "p1")))
                    .isTrue();
        }
        assertThat(Path.of("/sys/block", name, name + "p1")).doesNotExist();
    }

    @Test
    void close_clearsTheReadOnlyFlagTheKernelWouldKeepForTheNextUser() throws IOException {
        Path image = DiskImages.blank(dir.resolve("plain.img"), "4M");
        String name;
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            name = loop.name();
            try (NativeFd fd = NativeFd.open(loop.path(), NativeFd.O_RDONLY)) {
                fd.ioctlSetInt(NativeFd.BLKROSET, 1, "BLKROSET");
            }
            assertThat(Files.readString(Path.of("/sys/block", name, "ro")).strip())
                    .isEqualTo("1");
        }
        assertThat(Files.readString(Path.of("/sys/block", name, "ro")).strip()).isEqualTo("0");
    }

    @Test
    void close_detachesTheDevice() throws IOException {
        Path image = DiskImages.blank(dir.resolve("ro.img"), "4M");
        LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.readOnlyDisk());
        String listed = Proc.run(
                        "losetup",
                        "--list",
                        "--noheadings",
                        "--output",
                        "BACK-FILE",
                        loop.path().toString())
                .ok()
                .stdout();
        assertThat(listed.strip()).isEqualTo(image.toString());
        loop.close();
        List<String> stillListed = Proc.run("losetup", "--list", "--noheadings", "--output", "BACK-FILE")
                .ok()
                .stdout()
                .lines()
                .map(String::strip)
                .toList();
        assertThat(stillListed).doesNotContain(image.toString());
    }
}
