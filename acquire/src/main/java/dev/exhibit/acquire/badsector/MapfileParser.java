package dev.exhibit.acquire.badsector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses mapfile text. Lenient where ddrescue is (any whitespace between fields, comments after whitespace, an old
 * status line without the pass, numbers in hex, octal or decimal), strict on structure: a gap, an overlap, an empty
 * block or an unknown status is an error naming the line.
 */
final class MapfileParser {
    private final String source;
    private int lineNumber;

    private MapfileParser(String source) {
        this.source = source;
    }

    static RescueMap parse(String text, String source) {
        return new MapfileParser(source).parse(text);
    }

    private RescueMap parse(String text) {
        RescueMap.Position position = null;
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (lineNumber = 1; lineNumber <= lines.length; lineNumber++) {
            String[] fields = fields(lines[lineNumber - 1]);
            if (fields.length == 0) {
                continue;
            }
            if (position == null) {
                position = statusLine(fields);
            } else {
                Block b = blockLine(fields);
                if (!blocks.isEmpty() && b.byteOffset() != blocks.getLast().endByte()) {
                    long previousEnd = blocks.getLast().endByte();
                    throw error(String.format(
                            Locale.ROOT,
                            "blocks are not contiguous: this block starts at 0x%X but the previous one ends at 0x%X"
                                    + " (%s of %d bytes)",
                            b.byteOffset(),
                            previousEnd,
                            b.byteOffset() < previousEnd ? "an overlap" : "a gap",
                            Math.abs(b.byteOffset() - previousEnd)));
                }
                blocks.add(b);
            }
        }
        if (position == null) {
            lineNumber = lines.length;
            throw error("no status line (current_pos current_status current_pass): not a ddrescue mapfile");
        }
        return RescueMap.ofContiguous(blocks, position);
    }

    /** The whitespace-separated fields before any comment ('#' at the start or after whitespace). */
    private static String[] fields(String line) {
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                end = i;
                break;
            }
        }
        String content = line.substring(0, end).strip();
        return content.isEmpty() ? new String[0] : content.split("\\s+");
    }

    private RescueMap.Position statusLine(String[] f) {
        if (f.length < 2 || f.length > 3 || f[1].length() != 1) {
            throw error("bad status line: expected 'current_pos current_status current_pass'");
        }
        RescuePhase phase = RescuePhase.of(f[1].charAt(0));
        if (phase == null) {
            throw error("unknown current_status '" + f[1] + "' (expected one of ? * / - F G +)");
        }
        int pass = 1;
        if (f.length == 3) {
            if (!f[2].matches("[0-9]+")) {
                throw error("current_pass '" + f[2] + "' is not a decimal number");
            }
            try {
                pass = Integer.parseInt(f[2]);
            } catch (NumberFormatException e) {
                throw error("current_pass '" + f[2] + "' is too large");
            }
            if (pass < 1) {
                throw error("current_pass must be positive, not " + pass);
            }
        }
        return new RescueMap.Position(number(f[0], "current_pos"), phase, pass);
    }

    private Block blockLine(String[] f) {
        if (f.length != 3 || f[2].length() != 1) {
            throw error("bad block line: expected 'pos size status'");
        }
        BlockStatus status = BlockStatus.of(f[2].charAt(0));
        if (status == null) {
            throw error("unknown block status '" + f[2] + "' (expected one of ? * / - +)");
        }
        long pos = number(f[0], "pos");
        long size = number(f[1], "size");
        if (size == 0) {
            throw error("block at 0x" + Long.toHexString(pos).toUpperCase(Locale.ROOT) + " has size 0");
        }
        if (pos > Long.MAX_VALUE - size) {
            throw error("block at " + f[0] + " of size " + f[1] + " ends beyond 2^63 bytes");
        }
        return new Block(pos, size, status);
    }

    /** A non-negative C++ integer literal: {@code 0x1F} hex, {@code 017} octal, {@code 15} decimal. */
    private long number(String text, String field) {
        int radix = 10;
        String digits = text;
        if (text.startsWith("0x") || text.startsWith("0X")) {
            radix = 16;
            digits = text.substring(2);
        } else if (text.length() > 1 && text.startsWith("0")) {
            radix = 8;
            digits = text.substring(1);
        }
        int base = radix;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, base) >= 0)) {
            throw error(field + " '" + text + "' is not a non-negative integer (hex 0x.., octal 0.. or decimal)");
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw error(field + " '" + text + "' is larger than 2^63 - 1");
        }
    }

    private MapfileException error(String problem) {
        return new MapfileException(source, lineNumber, problem);
    }
}
