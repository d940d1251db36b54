package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.IsoTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * JSON Lines in Timesketch's import format: the three fields it requires, {@code message} (fls's name in display
 * form), {@code datetime} (ISO 8601, UTC, nanoseconds) and {@code timestamp_desc} (plaso's words for each letter),
 * plus {@code timestamp} in microseconds (Timesketch's unit, which it would otherwise derive) and the row's facts as
 * further fields. Names are exact: JSON escaping, and beside each its bytes in base64 ({@code path_bytes}).
 */
final class JsonlFormat extends RowFormat {
    private static final String[] DESCRIPTIONS = {
        "Content Modification Time", "Last Access Time", "Metadata Modification Time", "Creation Time"
    };
    /** timestamp_desc by [$FILE_NAME][MACB bits], with its quotes. */
    private static final byte[][][] DESC = new byte[2][16][];

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int NANOS_PER_MICRO = 1_000;

    static {
        for (int fn = 0; fn < 2; fn++) {
            for (int macb = 0; macb < 16; macb++) {
                StringBuilder s = new StringBuilder("\"");
                for (int bit = 0; bit < DESCRIPTIONS.length; bit++) {
                    if ((macb & (1 << bit)) != 0) {
                        s.append(s.length() > 1 ? "; " : "")
                                .append(fn == 1 ? "$FILE_NAME " : "")
                                .append(DESCRIPTIONS[bit]);
                    }
                }
                DESC[fn][macb] = s.append('"').toString().getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    private final Base64.Encoder base64 = Base64.getEncoder();

    JsonlFormat(List<String> sources) {
        super(sources);
    }

    @Override
    void header(ByteOut out) {}

    @Override
    void row(ByteOut out, Row r) throws IOException {
        out.ascii("{\"message\":\"");
        flsName(out, r, JsonlFormat::display);
        out.ascii("\",\"datetime\":\"");
        IsoTime.write(out, r.seconds, r.nanos);
        out.ascii("\",\"timestamp\":");
        timestamp(out, r);
        out.ascii(",\"timestamp_desc\":").write(DESC[r.fileName() ? 1 : 0][r.macb & 0xF]);
        out.ascii(",\"macb\":\"");
        macb(out, r.macb);
        out.ascii(r.fileName() ? "\",\"source\":\"$FILE_NAME\"" : "\",\"source\":\"metadata\"");
        out.ascii(",\"image\":\"");
        out.write(jsonSource(r));
        out.ascii("\",\"partition\":");
        if (r.partitionLength() == 0) {
            out.ascii("null");
        } else {
            out.write('"');
            ascii(out, r, r.partitionAt(), r.partitionLength());
            out.write('"');
        }
        out.ascii(",\"inode\":\"");
        ascii(out, r, r.inodeAt(), r.inodeLength());
        out.ascii("\",\"state\":\"").ascii(STATES[r.state()]);
        out.ascii("\",\"size\":").unsignedDecimal(r.size());
        out.ascii(",\"mode\":\"");
        ascii(out, r, r.modeAt(), r.modeLength());
        out.ascii("\",\"uid\":").unsignedDecimal(r.uid()).ascii(",\"gid\":").unsignedDecimal(r.gid());
        name(out, "path", r.buf, r.pathAt(), r.pathLength());
        if (r.streamLength() > 0) {
            name(out, "stream", r.buf, r.streamAt(), r.streamLength());
        }
        if (r.linkLength() > 0) {
            name(out, "symlink_target", r.buf, r.linkAt(), r.linkLength());
        }
        out.ascii("}\n");
        out.endRecord();
    }

    /** {@code "KEY":"exact","KEY_bytes":"base64"}. */
    private void name(ByteOut out, String key, byte[] b, int at, int length) throws IOException {
        out.ascii(",\"").ascii(key).ascii("\":\"");
        Text.json(out, b, at, length);
        out.ascii("\",\"").ascii(key).ascii("_bytes\":\"");
        out.write(base64.encode(Arrays.copyOfRange(b, at, at + length)));
        out.write('"');
    }

    /** Microseconds since the epoch, rounded down (Timesketch keeps no finer unit). */
    private static void timestamp(ByteOut out, Row r) throws IOException {
        try {
            out.decimal(Math.addExact(Math.multiplyExact(r.seconds, MICROS_PER_SECOND), r.nanos / NANOS_PER_MICRO));
        } catch (ArithmeticException e) {
            // beyond the year 292,000: Timesketch could not hold it either
            out.ascii("null");
        }
    }

    /** The display form inside a JSON string: badges for what would mislead a reader, JSON escapes. */
    private static void display(ByteOut out, byte[] b, int at, int length) throws IOException {
        boolean ascii = true;
        for (int i = at; i < at + length && ascii; i++) {
            ascii = b[i] >= 0x20 && b[i] < 0x7F;
        }
        if (ascii) {
            Text.json(out, b, at, length);
            return;
        }
        String d = dev.exhibit.analyze.output.Display.of(b, at, length);
        byte[] u = d.getBytes(StandardCharsets.UTF_8);
        Text.json(out, u, 0, u.length);
    }
}
