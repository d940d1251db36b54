package dev.exhibit.acquire.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.AcquireRequest;
import dev.exhibit.acquire.Acquisition;
import dev.exhibit.acquire.AcquisitionOracle;
import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.CaseFields;
import dev.exhibit.acquire.EwfOracle;
import dev.exhibit.acquire.Progress;
import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfLayout;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit verify} of E01 acquisitions: a sound one matches everything the log holds; one flipped byte is named
 * by segment file, chunk, media bytes and log line, and so is damage that ewfverify lets through.
 */
class EwfVerificationTest {
    static final long SIZE = 4L << 20;
    static final long WINDOW = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void verify_ofASoundE01Acquisition_matchesEveryHashAndWindow() throws IOException {
        Path out = acquire(EwfCompression.FAST);

        VerifyReport r = verify(out);

        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.windowsChecked()).isEqualTo(SIZE / WINDOW).isEqualTo(r.windowsLogged());
        JsonNode end = AcquisitionOracle.log(out).last("end").orElseThrow();
        r.hashes()
                .forEach((a, h) ->
                        assertThat(h).isEqualTo(end.path("hashes").path(a.id()).asText()));
        assertThat(r.bytesRead()).isEqualTo(SIZE);
    }

    @Test
    void verify_ofAnE01WithOneFlippedChunkByte_namesTheSegmentChunkMediaBytesAndLogLine() throws IOException {
        Path out = acquire(EwfCompression.NONE);
        Path e01 = out.resolve("image.E01");
        // uncompressed chunks are stored back to back after the sectors descriptor, 32 KiB each and their Adler-32
        int sectors = indexOf(Files.readAllBytes(e01), "sectors".getBytes(), 0);
        flip(e01, sectors + 76 + 82L * (32768 + 4) + 1000); // chunk 82 holds text
        assertThat(Proc.run("ewfverify", "-q", e01.toString()).exitCode())
                .as("ewfverify sees it too")
                .isNotZero();

        VerifyReport r = verify(out);

        assertThat(r.ok()).isFalse();
        Mismatch chunk = r.mismatches().stream()
                .filter(m -> m.what().startsWith("image.E01, 'sectors' section")
                        && m.what().contains("chunk "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chunk named in " + r.mismatches()));
        long index = Long.parseLong(chunk.what().replaceAll(".*chunk (\\d+).*", "$1"));
        assertThat(chunk.byteOffset()).isEqualTo(index * 32768);
        assertThat(chunk.lengthBytes()).isEqualTo(32768);
        assertThat(chunk.logLine()).isEqualTo(windowLine(out, chunk.byteOffset() / WINDOW));
        assertThat(r.mismatches()).anySatisfy(m -> {
            assertThat(m.what()).isEqualTo("window " + chunk.byteOffset() / WINDOW);
            assertThat(m.logLine()).isEqualTo(chunk.logLine());
        });
        assertThat(r.mismatches()).anySatisfy(m -> assertThat(m.what()).isEqualTo("segment image.E01"));
    }

    @Test
    void verify_ofAnE01WhoseTable2IsDamaged_saysSoWhereEwfverifySucceeds() throws IOException {
        Path out = acquire(EwfCompression.FAST);
        Path e01 = out.resolve("image.E01");
        byte[] bytes = Files.readAllBytes(e01);
        int table2 = indexOf(bytes, "table2".getBytes(), 0);
        // the first entry of table2's payload, past its 76-byte descriptor and 24-byte header
        flip(e01, table2 + 76 + 24);
        assertThat(Proc.run("ewfverify", "-q", e01.toString()).exitCode())
                .as("ewfverify never reads table2")
                .isZero();

        VerifyReport r = verify(out);

        assertThat(r.ok()).isFalse();
        assertThat(r.mismatches()).anySatisfy(m -> assertThat(m.what()).startsWith("image.E01, 'table2' section"));
    }

    private Path acquire(EwfCompression level) throws IOException {
        Path source = EwfOracle.mixedSource(dir.resolve("source.img"), SIZE, 4);
        Path out = dir.resolve("out");
        Acquisition.acquire(
                new AcquireRequest(
                        source,
                        out,
                        AcquireRequest.DEFAULT_HASHES,
                        WINDOW,
                        0,
                        CaseFields.NONE,
                        0,
                        FillPattern.ZEROS,
                        -1,
                        true,
                        null,
                        true,
                        Invocation.of("exhibit", List.of("acquire")),
                        null,
                        new EwfOptions(level, EwfLayout.DEFAULT_SEGMENT_BYTES, 64)),
                Progress.NONE,
                new Cancellation());
        return out;
    }

    private static VerifyReport verify(Path out) throws IOException {
        return Verifier.image(out, Invocation.of("exhibit", List.of("verify")), Progress.NONE, new Cancellation());
    }

    private static long windowLine(Path out, long index) throws IOException {
        for (ChainVerifier.Entry e : AcquisitionOracle.log(out).entries("window")) {
            if (e.record().path("index").asLong() == index) {
                return e.line();
            }
        }
        throw new AssertionError("no window " + index);
    }

    private static void flip(Path file, long at) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
            ch.write(b, at);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
