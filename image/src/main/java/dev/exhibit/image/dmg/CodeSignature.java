package dev.exhibit.image.dmg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The embedded code signature a signed DMG carries (koly bytes 296-311 point at it): an Apple superblob whose
 * CodeDirectory names the signed identifier and whose CMS blob, when not empty, holds the signer's certificates.
 * Exhibit reports it; it does not evaluate trust (that needs Apple's roots and notarisation, online).
 *
 * @param fileOffset byte offset of the superblob in the file (0 when unsigned)
 * @param lengthBytes its length
 * @param identifier the CodeDirectory's identifier, or empty
 * @param cmsBytes length of the CMS signature blob (0: ad-hoc signature, no signer)
 * @param wellFormed whether the superblob parsed (magic, index inside the blob)
 */
public record CodeSignature(long fileOffset, long lengthBytes, String identifier, int cmsBytes, boolean wellFormed) {
    static final int SUPERBLOB = 0xFADE0CC0;
    static final int CODE_DIRECTORY = 0xFADE0C02;
    static final int CMS = 0xFADE0B01;

    static final CodeSignature NONE = new CodeSignature(0, 0, "", 0, false);

    public boolean present() {
        return lengthBytes > 0;
    }

    /** Parses the superblob's bytes; never throws (a damaged signature is reported as not well formed). */
    static CodeSignature parse(long fileOffset, byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (blob.length < 12 || b.getInt(0) != SUPERBLOB) {
            return new CodeSignature(fileOffset, blob.length, "", 0, false);
        }
        int count = b.getInt(8);
        String identifier = "";
        int cms = 0;
        for (int i = 0; i < count && 12 + 8L * i + 8 <= blob.length; i++) {
            int at = b.getInt(12 + 8 * i + 4);
            if (at < 0 || at + 8 > blob.length) {
                return new CodeSignature(fileOffset, blob.length, identifier, cms, false);
            }
            int magic = b.getInt(at);
            int length = b.getInt(at + 4);
            if (magic == CODE_DIRECTORY && at + 24 <= blob.length) {
                identifier = cString(blob, at + b.getInt(at + 20));
            } else if (magic == CMS) {
                cms = Math.max(0, length - 8);
            }
        }
        return new CodeSignature(fileOffset, blob.length, identifier, cms, true);
    }

    private static String cString(byte[] blob, int at) {
        if (at < 0 || at >= blob.length) {
            return "";
        }
        int end = at;
        while (end < blob.length && end - at < 1024 && blob[end] != 0) {
            end++;
        }
        return new String(blob, at, end - at, StandardCharsets.UTF_8);
    }
}
