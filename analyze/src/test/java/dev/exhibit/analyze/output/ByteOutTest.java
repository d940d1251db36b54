package dev.exhibit.analyze.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteOutTest {
    @Test
    void numbers_areWrittenAsDecimalText() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ByteOut out = ByteOut.to(Channels.newChannel(bytes))) {
            out.decimal(0)
                    .write(' ')
                    .decimal(-42)
                    .write(' ')
                    .decimal(Long.MIN_VALUE)
                    .write(' ');
            out.unsignedDecimal(-1).write(' ').unsignedDecimal(1234567890123L);
        }
        assertThat(bytes.toString(StandardCharsets.US_ASCII))
                .isEqualTo("0 -42 " + Long.MIN_VALUE + " 18446744073709551615 1234567890123");
    }

    /**
     * A flush writes whole records only, and the mirror holds exactly the complete records not yet written, so that
     * what a crashed worker leaves behind ends with a whole line.
     */
    @Test
    void flush_writesOnlyCompleteRecordsAndPublishesProgress() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Long> committed = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            ByteOut out = ByteOut.mirrored(Channels.newChannel(bytes), buffer, committed::add);
            out.ascii("first record\n");
            out.endRecord();
            assertThat(buffer.asSlice(0, committed.getLast()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                    .isEqualTo("first record\n".getBytes(StandardCharsets.US_ASCII));
            out.ascii("half a rec");
            out.flush();
            assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("first record\n");
            out.ascii("ord\n");
            out.endRecord();
            // more than the 64-byte buffer holds forces flushes; records still arrive whole and in order
            for (int i = 0; i < 10; i++) {
                out.ascii("record number " + i + "\n");
                out.endRecord();
            }
            out.flush();
        }
        StringBuilder expected = new StringBuilder("first record\nhalf a record\n");
        for (int i = 0; i < 10; i++) {
            expected.append("record number ").append(i).append('\n');
        }
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        assertThat(committed).contains(13L, 0L);
    }
}
