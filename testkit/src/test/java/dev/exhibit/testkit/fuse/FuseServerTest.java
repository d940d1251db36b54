package dev.exhibit.testkit.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FUSE server against the real kernel, through ordinary file-system calls. */
class FuseServerTest {
    private static final int SIZE = 3 * 4096 + 100;

    @TempDir
    Path dir;

    private FuseServer server;

    /** Byte i of the file is i mod 251; reads of byte 8192 and later fail. */
    private static final FuseFile FILE = new FuseFile() {
        @Override
        public long sizeBytes() {
            return SIZE;
        }

        @Override
        public int read(long byteOffset, MemorySegment destination) throws ReadFault {
            if (byteOffset + destination.byteSize() > 8192) {
                throw new ReadFault(5, "beyond 8192");
            }
            for (int i = 0; i < destination.byteSize(); i++) {
                destination.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) ((byteOffset + i) % 251));
            }
            return (int) destination.byteSize();
        }
    };

    @BeforeEach
    void mount() throws IOException {
        server = FuseServer.mount(dir, "data", FILE, "exhibittest", true, 1);
    }

    @AfterEach
    void unmount() throws IOException {
        server.close();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(" " + dir + " ");
        assertThat(server.failures()).isEmpty();
    }

    @Test
    void directory_listsTheOneFileWithItsSizeAndReadOnlyMode() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("data");
        }
        assertThat(Files.size(dir.resolve("data"))).isEqualTo(SIZE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("data")).toString())
                .isEqualTo("[OWNER_READ, GROUP_READ, OTHERS_READ]");
        assertThat(Files.exists(dir.resolve("other"))).isFalse();
        assertThat(Proc.run("grep", " " + dir + " ", "/proc/self/mountinfo")
                        .ok()
                        .stdout())
                .contains("fuse.exhibittest")
                .contains(" ro,");
    }

    @Test
    void read_returnsTheFilesBytes() throws IOException {
        byte[] head = new byte[8192];
        try (var in = Files.newInputStream(dir.resolve("data"))) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(8192);
        }
        for (int i = 0; i < head.length; i++) {
            assertThat(head[i]).as("byte %d", i).isEqualTo((byte) (i % 251));
        }
    }

    @Test
    void read_ofAFaultyRange_failsWithInputOutputError() {
        assertThatThrownBy(() -> {
                    try (var ch = Files.newByteChannel(dir.resolve("data"))) {
                        ch.position(9000).read(java.nio.ByteBuffer.allocate(16));
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Input/output error");
    }

    @Test
    void openForWriting_isRefused() {
        assertThatThrownBy(() -> Files.newOutputStream(dir.resolve("data"), StandardOpenOption.WRITE))
                .isInstanceOfAny(FileSystemException.class, AccessDeniedException.class)
                .hasMessageContaining("Read-only file system");
    }

    @Test
    void statfsAndXattrs_areAnsweredWithoutHangingTheCaller() {
        assertThat(Proc.run("stat", "-f", "-c", "%S", dir.toString())
                        .ok()
                        .stdout()
                        .strip())
                .isEqualTo("512");
        Proc.Result xattr =
                Proc.run("getfattr", "-n", "user.x", dir.resolve("data").toString());
        assertThat(xattr.exitCode()).isNotZero();
        assertThat(xattr.stderr()).contains("No such attribute");
    }

    @Test
    void detach_keepsServingOpenFilesAfterTheMountLeavesTheTree() throws IOException {
        try (var ch = Files.newByteChannel(dir.resolve("data"))) {
            server.detach();
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(" " + dir + " ");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4);
            assertThat(ch.position(300).read(b)).isEqualTo(4);
            assertThat(b.get(0)).isEqualTo((byte) (300 % 251));
        }
    }
}
