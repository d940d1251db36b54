package dev.exhibit.report.keys;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What {@code exhibit keys} does, as plain Java: make a key file, export its certificate, import a CA-issued chain.
 * Passwords arrive as {@code char[]} from the caller (prompt, environment or file), never from a command line.
 */
public final class KeyFiles {
    /** Default certificate validity: three years, long enough to sign the reports of most cases. */
    public static final int DEFAULT_DAYS = 3 * 365;

    private KeyFiles() {}

    /**
     * @param csr where to write a PKCS#10 request for an organisation's CA, or {@code null}; the key file then holds
     *     a self-signed placeholder certificate until {@link #importChain} stores the issued one
     */
    public record InitRequest(
            Path out, KeyAlgorithm algorithm, String subject, Certificates.Purpose purpose, int days, Path csr) {}

    public static KeyStoreFile.SigningKey init(InitRequest request, char[] password) throws IOException {
        X500Name subject = Certificates.subject(request.subject());
        if (Files.exists(request.out())) {
            throw ExhibitException.usage("--out " + request.out() + " already exists: a key file is never"
                    + " overwritten (the key in it may have signed reports); choose another file name");
        }
        if (request.csr() != null && Files.exists(request.csr())) {
            throw ExhibitException.usage(
                    "--csr " + request.csr() + " already exists and is never overwritten; choose another file name");
        }
        KeyPair keys = request.algorithm().generate();
        X509Certificate cert =
                Certificates.selfSigned(keys, request.algorithm(), subject, request.purpose(), request.days());
        KeyStoreFile.SigningKey key = new KeyStoreFile.SigningKey(keys.getPrivate(), List.of(cert));
        KeyStoreFile.create(request.out(), key, password);
        if (request.csr() != null) {
            String pem = Pem.encode(List.of(Certificates.request(keys, request.algorithm(), subject)));
            Files.writeString(request.csr(), pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        }
        return key;
    }

    /** Writes the certificate chain (leaf first) as PEM, the form {@code openssl -CAfile} takes. */
    public static List<X509Certificate> exportCertificate(Path p12, char[] password, Path out) throws IOException {
        KeyStoreFile.SigningKey key = KeyStoreFile.load(p12, password);
        Files.writeString(out, Pem.encode(key.chain()), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        return key.chain();
    }

    /** Stores the chain a CA issued for the key (PEM file, any order) in the key file. */
    public static List<X509Certificate> importChain(Path p12, char[] password, Path chainPem) throws IOException {
        return KeyStoreFile.replaceChain(p12, password, Pem.readCertificates(chainPem));
    }
}
