package dev.exhibit.core.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFdTest {
    @TempDir
    Path dir;

    @Test
    void open_missingFile_namesPathAndErrno() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> NativeFd.open(missing, NativeFd.O_RDONLY))
                .isInstanceOf(PosixException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("No such file or directory")
                .satisfies(e -> assertThat(((PosixException) e).errno()).isEqualTo(2));
    }

    @Test
    void ioctl_onRegularFile_failsWithTheIoctlNamed() throws IOException {
        Path f = Files.write(dir.resolve("f"), new byte[4096]);
        try (NativeFd fd = NativeFd.open(f, NativeFd.O_RDONLY)) {
            assertThatThrownBy(() -> fd.ioctlGetLong(NativeFd.BLKGETSIZE64, "BLKGETSIZE64"))
                    .isInstanceOf(PosixException.class)
                    .hasMessageContaining("ioctl BLKGETSIZE64");
        }
    }

    @Test
    void ioctl_onLoopDevice_readsSizeSectorSizeAndReadOnlyFlag() throws IOException {
        Path backing = dir.resolve("disk.img");
        Proc.run("truncate", "-s", "8M", backing.toString()).ok();
        String loop = Proc.run("losetup", "--find", "--show", "--read-only", backing.toString())
                .ok()
                .stdout()
                .strip();
        try (NativeFd fd = NativeFd.open(Path.of(loop), NativeFd.O_RDONLY)) {
            assertThat(fd.ioctlGetLong(NativeFd.BLKGETSIZE64, "BLKGETSIZE64")).isEqualTo(8L << 20);
            assertThat(fd.ioctlGetInt(NativeFd.BLKSSZGET, "BLKSSZGET")).isEqualTo(512);
            assertThat(fd.ioctlGetInt(NativeFd.BLKROGET, "BLKROGET")).isEqualTo(1);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
                fd.ioctlStruct(NativeFd.BLKGETSIZE64, size, "BLKGETSIZE64");
                assertThat(size.get(ValueLayout.JAVA_LONG, 0)).isEqualTo(8L << 20);
            }
        } finally {
            Proc.run("losetup", "-d", loop).ok();
        }
    }
}
