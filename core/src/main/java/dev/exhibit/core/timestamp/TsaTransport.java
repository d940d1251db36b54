package dev.exhibit.core.timestamp;

import java.io.IOException;

/** Carries one DER RFC 3161 {@code TimeStampReq} to a time-stamping authority and returns its DER response. */
public interface TsaTransport {
    byte[] exchange(byte[] requestDer) throws IOException;

    /** Names the authority in messages, e.g. its URL. */
    String describe();

    /** Whether tokens from this authority are made by a key of our own rather than a trusted third party. */
    boolean untrusted();
}
