package dev.exhibit.report.sign;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Names a signing key as people read it: {@code ECDSA P-256 with SHA-256}, {@code RSA-3072 with SHA-256}. */
public final class KeyDescriptions {
    private KeyDescriptions() {}

    /**
     * A certificate name in the order its RDNs are encoded, as openssl prints it ({@code CN=..., O=...}), rather than
     * the reversed RFC 2253 order {@code X500Principal.getName()} gives.
     */
    public static String name(javax.security.auth.x500.X500Principal principal) {
        return org.bouncycastle.asn1.x500.X500Name.getInstance(principal.getEncoded())
                .toString();
    }

    public static String describe(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "ECDSA " + (bits == 256 ? "P-256" : bits + "-bit curve") + " with SHA-256";
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength() + " with SHA-256";
        }
        return key.getAlgorithm();
    }
}
