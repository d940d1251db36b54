package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.assertWindowsMatchDd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An image file as the source: read with direct I/O, so the acquisition neither spends CPU copying it out of the page
 * cache nor fills the cache with it; only the last bytes, which are not a whole page, go through the cache.
 */
class AcquisitionImageFileTest {
    private static final int PAGE = 4096;
    /** Not a whole number of pages: the tail is read through the page cache. */
    private static final int SOURCE_BYTES = 24 * 1024 * 1024 + 1234;

    private Path dir;

    // On the build's own file system, not java.io.tmpdir: a tmpfs there would keep every file in memory anyway.
    @BeforeEach
    void makeDir() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "image-file-source");
    }

    @AfterEach
    void removeDir() {
        Proc.run("rm", "-rf", dir.toString()).ok();
    }

    @Test
    void acquire_readsAnImageFileAroundThePageCache_andHashesItExactly() throws IOException {
        Path source = dir.resolve("evidence.dd");
        byte[] bytes = new byte[SOURCE_BYTES];
        new Random(SOURCE_BYTES).nextBytes(bytes);
        Files.write(source, bytes);
        Proc.run("sync", source.toString()).ok();
        // POSIX_FADV_DONTNEED over the whole file: none of it is cached now
        Proc.run("dd", "if=" + source, "iflag=nocache", "count=0", "status=none")
                .ok();
        assumeThat(residentBytes(source))
                .as("bytes of the source cached before the run")
                .isZero();
        Path out = dir.resolve("out");

        Acquire.of(source, out).window(8L * 1024 * 1024).run();

        assertThat(residentBytes(source))
                .as("bytes of the source in the page cache after the acquisition")
                .isLessThanOrEqualTo(PAGE);
        Map<String, String> hashes = assertLoggedHashesMatchImage(out);
        assertThat(hashes.get("sha256"))
                .isEqualTo(
                        Proc.firstField(Proc.run("sha256sum", source.toString()).ok()));
        assertWindowsMatchDd(out);
    }

    /** What {@code fincore} reports resident in the page cache for {@code file}, in bytes. */
    private static long residentBytes(Path file) {
        String res = Proc.run("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                .ok()
                .stdout()
                .trim();
        return Long.parseLong(res);
    }
}
