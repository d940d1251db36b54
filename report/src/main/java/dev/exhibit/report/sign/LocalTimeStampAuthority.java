package dev.exhibit.report.sign;

import dev.exhibit.core.timestamp.TimeStampTokens;
import dev.exhibit.core.timestamp.TsaTransport;
import dev.exhibit.report.keys.KeyStoreFile;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A time-stamping authority run by Exhibit itself from a key file ({@code --tsa local:tsa.p12}), for tests and for
 * offline labs. Its tokens are well-formed RFC 3161 tokens that {@code openssl ts -verify} accepts, but they prove
 * only what the holder of {@code tsa.p12} claims, not what a trusted third party saw: they carry the policy
 * {@link #UNTRUSTED_POLICY} and every verification labels them untrusted.
 */
public final class LocalTimeStampAuthority implements TsaTransport {
    /** The policy that marks a token as made by an untrusted local TSA ({@link TimeStampTokens#UNTRUSTED_POLICY}). */
    public static final ASN1ObjectIdentifier UNTRUSTED_POLICY = TimeStampTokens.UNTRUSTED_POLICY;

    private final KeyStoreFile.SigningKey key;
    private final String source;
    private final SecureRandom random = new SecureRandom();

    public LocalTimeStampAuthority(KeyStoreFile.SigningKey key, String source) {
        this.key = key;
        this.source = source;
    }

    /** Answers one request, as an RFC 3161 server would over HTTP. */
    @Override
    public byte[] exchange(byte[] requestDer) throws IOException {
        try {
            TimeStampRequest request = new TimeStampRequest(requestDer);
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder()
                            .build(key.algorithm().signatureAlgorithm(), key.privateKey(), key.certificate()),
                    new JcaDigestCalculatorProviderBuilder()
                            .build()
                            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    UNTRUSTED_POLICY);
            tokens.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            tokens.addCertificates(new JcaCertStore(key.chain()));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            BigInteger serial = new BigInteger(63, random);
            return responses.generate(request, serial, new Date()).getEncoded();
        } catch (TSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("local time-stamping authority " + source + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "local:" + source + " (Exhibit's local time-stamping authority: untrusted)";
    }

    @Override
    public boolean untrusted() {
        return true;
    }
}
