package dev.exhibit.acquire.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Times;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.core.timestamp.TimeStampTokens;
import dev.exhibit.core.timestamp.TimeStamper;
import dev.exhibit.core.timestamp.TsaTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Anchors an acquisition log in time: asks an RFC 3161 authority for a token over the log's head hash (the SHA-256 of
 * its last line, which pins every line before it through the chain) and appends the token as a {@code timestamp}
 * record. A log rewritten after that cannot carry a token from before the rewrite: a new token would bear the time of
 * the rewrite, which {@code verify} shows against the time of the line it covers (docs/acquisition-log.md).
 */
public final class LogTimeStamp {
    public static final String TYPE = "timestamp";

    private LogTimeStamp() {}

    /**
     * What was stamped.
     *
     * @param coversRecords the lines the token covers, from the first
     * @param line the 1-based line of the {@code timestamp} record
     */
    public record Stamped(long coversRecords, String coversHeadHash, Instant genTime, boolean untrusted, long line) {}

    /** Stamps the current head of {@code logFile}, holding the log's lock from reading the head to the append. */
    public static Stamped append(Path logFile, TsaTransport tsa) throws IOException {
        try (ChainedLog log = ChainedLog.reopen(logFile)) {
            String head = log.headHash();
            long records = log.records();
            TimeStampToken token =
                    new TimeStamper(tsa).stamp(HexFormat.of().parseHex(head)).token();
            Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
            boolean untrusted = tsa.untrusted() || TimeStampTokens.isUntrustedLocal(token);
            ObjectNode body = Jcs.object();
            body.put("coversRecords", records);
            body.put("coversHeadHash", head);
            body.put("authority", tsa.describe());
            body.put("untrusted", untrusted);
            body.put("genTime", Times.utc(genTime));
            body.put("policy", token.getTimeStampInfo().getPolicy().getId());
            body.put("serialNumber", token.getTimeStampInfo().getSerialNumber().toString());
            body.put("tsaCertificateSha256", certificateSha256(token));
            body.put("tokenBase64", Base64.getEncoder().encodeToString(token.getEncoded()));
            log.append(TYPE, body, true);
            return new Stamped(records, head, genTime, untrusted, log.records());
        }
    }

    private static String certificateSha256(TimeStampToken token) throws IOException {
        try {
            return HexFormat.of()
                    .formatHex(HashAlgorithm.SHA256
                            .newDigest()
                            .digest(TimeStampTokens.signerCertificate(token).getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IOException("the time-stamp token's certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
