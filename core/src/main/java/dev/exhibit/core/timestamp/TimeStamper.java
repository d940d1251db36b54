package dev.exhibit.core.timestamp;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks a time-stamping authority for an RFC 3161 token over a SHA-256 digest and checks the answer before it is used:
 * status granted, same message imprint and nonce as asked, a token signed by the certificate it carries.
 */
public final class TimeStamper {
    private final TsaTransport transport;
    private final SecureRandom random = new SecureRandom();

    public TimeStamper(TsaTransport transport) {
        this.transport = transport;
    }

    public TsaTransport transport() {
        return transport;
    }

    /**
     * A granted time stamp.
     *
     * @param responseDer the whole {@code TimeStampResp}, as written to a {@code .tsr} sidecar
     */
    public record Stamp(TimeStampToken token, byte[] responseDer) {}

    public Stamp stamp(byte[] sha256) throws IOException {
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        TimeStampRequest request = gen.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(63, random));
        byte[] answer = transport.exchange(request.getEncoded());
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer);
        } catch (TSPException | IOException e) {
            throw ExhibitException.environment(
                    transport.describe() + " did not send an RFC 3161 response: " + e.getMessage(), e);
        }
        try {
            response.validate(request);
        } catch (TSPException e) {
            String status = response.getStatusString() == null ? "" : " (" + response.getStatusString() + ")";
            throw ExhibitException.environment(
                    transport.describe() + " refused or answered wrongly: " + e.getMessage() + status, e);
        }
        TimeStampToken token = response.getTimeStampToken();
        TimeStampTokens.checkSignature(token, transport.describe());
        return new Stamp(token, response.getEncoded());
    }
}
