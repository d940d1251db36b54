package dev.exhibit.analyze.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSX").withZone(ZoneOffset.UTC);

    @Test
    void write_agreesWithJavaTimeFrom1601To9999() throws Exception {
        SplittableRandom random = new SplittableRandom(1601);
        long min = Instant.parse("1601-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(min, max + 1);
            long nanos = random.nextLong(1_000_000_000L);
            assertThat(format(seconds, nanos)).isEqualTo(NANOS.format(Instant.ofEpochSecond(seconds, nanos)));
        }
        assertThat(format(0, 1)).isEqualTo("1970-01-01T00:00:00.000000001Z");
        assertThat(format(-1, 0)).isEqualTo("1969-12-31T23:59:59.000000000Z");
    }

    @Test
    void write_fallsBackForYearsIso8601CannotWriteInFourDigits() throws Exception {
        long farFuture = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        assertThat(format(farFuture, 5))
                .isEqualTo(Instant.ofEpochSecond(farFuture, 5).toString());
    }

    private static String format(long seconds, long nanos) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ByteOut out = ByteOut.to(Channels.newChannel(bytes))) {
            IsoTime.write(out, seconds, nanos);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
