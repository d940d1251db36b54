package dev.exhibit.core.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CharDeviceTest {

    @Test
    void read_fillsTheBufferFromTheDevice() throws IOException {
        try (CharDevice zero = CharDevice.open(Path.of("/dev/zero"), NativeFd.O_RDONLY);
                Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4096);
            buffer.fill((byte) 0x5A);
            assertThat(zero.read(buffer)).isEqualTo(4096);
            assertThat(buffer.mismatch(arena.allocate(4096))).isEqualTo(-1L);
        }
    }

    @Test
    void write_sendsTheWholeMessage() throws IOException {
        try (CharDevice devNull = CharDevice.open(Path.of("/dev/null"), NativeFd.O_RDWR);
                Arena arena = Arena.ofConfined()) {
            devNull.write(arena.allocate(100), 100);
            assertThat(devNull.number()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void read_onWriteOnlyDescriptor_failsWithErrno() throws IOException {
        try (CharDevice devNull = CharDevice.open(Path.of("/dev/null"), 1 /* O_WRONLY */);
                Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> devNull.read(arena.allocate(16)))
                    .isInstanceOf(PosixException.class)
                    .hasMessageContaining("/dev/null: read failed")
                    .satisfies(e -> assertThat(((PosixException) e).errno()).isEqualTo(9)); // EBADF
        }
    }

    @Test
    void write_rejectsLengthBeyondBuffer() throws IOException {
        try (CharDevice devNull = CharDevice.open(Path.of("/dev/null"), NativeFd.O_RDWR);
                Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> devNull.write(arena.allocate(8), 9))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lengthBytes (9)");
        }
    }
}
