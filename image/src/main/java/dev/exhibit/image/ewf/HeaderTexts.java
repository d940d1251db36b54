package dev.exhibit.image.ewf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.zip.Deflater;

/**
 * The texts of the {@code header2} (UTF-16LE with BOM, LF) and {@code header} (Windows-1252, CR LF) sections in the
 * EnCase 6 layout that libewf writes, each stored as one zlib stream at zlib's default level. The two list the main
 * fields in different orders ({@code a c n e t md sn av ov m u p dc} against {@code c n a e t av ov m u p}).
 */
final class HeaderTexts {
    /** EnCase refuses longer values (Guymager's AvoidEncaseProblems). */
    static final int MAX_TOOL_VERSION_CHARS = 11;

    static final int MAX_OPERATING_SYSTEM_CHARS = 23;
    private static final Charset HEADER_CHARSET = Charset.forName("windows-1252");
    private static final int HEADER_ZLIB_LEVEL = Deflater.DEFAULT_COMPRESSION;

    private HeaderTexts() {}

    /** The zlib stream of the header2 text. */
    static byte[] header2(EwfHeader h) {
        String text = String.join(
                "\n",
                "3",
                "main",
                "a\tc\tn\te\tt\tmd\tsn\tav\tov\tm\tu\tp\tdc",
                String.join(
                        "\t",
                        clean(h.description()),
                        clean(h.caseNumber()),
                        clean(h.evidenceNumber()),
                        clean(h.examiner()),
                        clean(h.notes()),
                        clean(h.model()),
                        clean(h.serialNumber()),
                        cut(clean(h.toolVersion()), MAX_TOOL_VERSION_CHARS),
                        cut(clean(h.operatingSystem()), MAX_OPERATING_SYSTEM_CHARS),
                        posixSeconds(h.acquired()),
                        posixSeconds(h.system()),
                        "0",
                        ""),
                "",
                "srce",
                "0\t1",
                "p\tn\tid\tev\ttb\tlo\tpo\tah\tgu\taq",
                "0\t0",
                "\t\t\t\t\t-1\t-1\t\t\t",
                "",
                "sub",
                "0\t1",
                "p\tn\tid\tnu\tco\tgu",
                "0\t0",
                "\t\t\t\t1\t",
                "",
                "");
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        return deflate(withBom);
    }

    /** The zlib stream of the header text. */
    static byte[] header(EwfHeader h) {
        String text = String.join(
                "\r\n",
                "1",
                "main",
                "c\tn\ta\te\tt\tav\tov\tm\tu\tp",
                String.join(
                        "\t",
                        clean(h.caseNumber()),
                        clean(h.evidenceNumber()),
                        clean(h.description()),
                        clean(h.examiner()),
                        clean(h.notes()),
                        cut(clean(h.toolVersion()), MAX_TOOL_VERSION_CHARS),
                        cut(clean(h.operatingSystem()), MAX_OPERATING_SYSTEM_CHARS),
                        dateFields(h.acquired()),
                        dateFields(h.system()),
                        "0"),
                "",
                "");
        return deflate(text.getBytes(HEADER_CHARSET));
    }

    /** The value with every control character (TAB, CR, LF, NUL...) as a space: the format has no escaping. */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(value.length());
        value.codePoints().forEach(c -> s.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return s.toString();
    }

    private static String cut(String value, int maxChars) {
        return value.codePointCount(0, value.length()) <= maxChars
                ? value
                : value.substring(0, value.offsetByCodePoints(0, maxChars));
    }

    private static String posixSeconds(Instant t) {
        return t == null ? "" : Long.toString(t.getEpochSecond());
    }

    /** {@code YYYY M D h m s}, not zero-padded, in UTC (Exhibit records every time in UTC). */
    private static String dateFields(Instant t) {
        if (t == null) {
            return "";
        }
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return z.getYear() + " " + z.getMonthValue() + " " + z.getDayOfMonth() + " " + z.getHour() + " " + z.getMinute()
                + " " + z.getSecond();
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(HEADER_ZLIB_LEVEL);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
