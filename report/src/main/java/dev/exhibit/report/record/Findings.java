package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The examiner's findings ({@code report build --findings FILE}): a UTF-8 text the examiner wrote, paragraphs separated
 * by blank lines, carried in the signed record as {@code /findings} with the SHA-256 of the file's exact bytes. Unlike
 * everything else in the record it cannot be derived from the case, so only the signature vouches for it.
 *
 * @param file the file's name, without its directories (which say nothing about the findings)
 * @param sha256 of the file's bytes, so the examiner's own copy can be matched with the record
 * @param text the file's content, exactly
 */
public record Findings(String file, String sha256, String text) {
    /** Findings are prose; a larger file is almost certainly the wrong file. */
    public static final int MAX_BYTES = 1 << 20;

    public static Findings read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw ExhibitException.usage("--findings " + file + " is " + size + " bytes; findings are text of at most "
                    + MAX_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = decode(bytes, file);
        if (text.isBlank()) {
            throw ExhibitException.usage("--findings " + file + " holds no text");
        }
        return new Findings(file.getFileName().toString(), Sha256.hex(bytes), text);
    }

    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("file", file);
        n.put("sha256", sha256);
        n.put("text", text);
        return n;
    }

    /** Strict UTF-8: the record must hold what the examiner wrote, not a replacement character where a byte was. */
    private static String decode(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw ExhibitException.usage("--findings " + file + ": byte offset " + in.position() + " (0x"
                    + String.format("%02X", bytes[in.position()] & 0xFF)
                    + ") is not UTF-8; save the findings as UTF-8 text");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
