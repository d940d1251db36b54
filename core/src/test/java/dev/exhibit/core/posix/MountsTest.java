package dev.exhibit.core.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {
    @TempDir
    Path dir;

    @Test
    void mountAndUnmount_tmpfsAppearsInMountinfoAndGoes() throws IOException {
        Path target = Files.createDirectory(dir.resolve("m"));
        Mounts.mount("exhibit-test", target, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, "size=1m");
        try {
            assertThat(mountinfo()).contains(" " + target + " ");
            Files.writeString(target.resolve("f"), "x");
        } finally {
            Mounts.unmount(target, 0);
        }
        assertThat(mountinfo()).doesNotContain(" " + target + " ");
        assertThat(target.resolve("f")).doesNotExist();
    }

    @Test
    void unmount_notAMountPoint_namesPathAndErrno() throws IOException {
        Path target = Files.createDirectory(dir.resolve("plain"));
        assertThatThrownBy(() -> Mounts.unmount(target, 0))
                .isInstanceOf(PosixException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("umount failed");
    }

    private static String mountinfo() throws IOException {
        return Files.readString(Path.of("/proc/self/mountinfo"));
    }
}
