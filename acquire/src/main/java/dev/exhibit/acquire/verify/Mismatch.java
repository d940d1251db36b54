package dev.exhibit.acquire.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;

/**
 * One place where what was read differs from what the log says.
 *
 * @param what e.g. {@code window 3}, {@code segment image.002}, {@code md5 of the whole image}, {@code image.002}
 * @param byteOffset where in the image it starts, or -1 when it is not a byte range
 * @param lengthBytes how many image bytes it covers, or -1
 * @param expected what the log says
 * @param actual what was found
 * @param logLine the line of the log that says it (1-based), or -1
 */
public record Mismatch(String what, long byteOffset, long lengthBytes, String expected, String actual, long logLine) {

    ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("what", what);
        n.put("byteOffset", byteOffset);
        n.put("lengthBytes", lengthBytes);
        n.put("expected", expected);
        n.put("actual", actual);
        n.put("logLine", logLine);
        return n;
    }

    @Override
    public String toString() {
        String range =
                byteOffset >= 0 ? " (image bytes " + byteOffset + " to " + (byteOffset + lengthBytes - 1) + ")" : "";
        String line = logLine > 0 ? ", log line " + logLine : "";
        return what + range + ": expected " + expected + line + ", found " + actual;
    }
}
