package dev.exhibit.report.keys;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/** The key types Exhibit signs with: ECDSA on NIST P-256 (default) or RSA with 3072-bit keys, both with SHA-256. */
public enum KeyAlgorithm {
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA"),
    RSA3072("rsa3072", "SHA256withRSA");

    private final String id;
    private final String signatureAlgorithm;

    KeyAlgorithm(String id, String signatureAlgorithm) {
        this.id = id;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used on the command line, e.g. {@code ecdsa-p256}. */
    public String id() {
        return id;
    }

    /** The JCA signature algorithm, e.g. {@code SHA256withECDSA}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            return switch (this) {
                case ECDSA_P256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g.generateKeyPair();
                }
                case RSA3072 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4));
                    yield g.generateKeyPair();
                }
            };
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            // Every JDK provides EC on secp256r1 and RSA (SunEC, SunRsaSign).
            throw new AssertionError("key generation unavailable for " + id, e);
        }
    }

    /** The algorithm of an existing key, so a loaded key signs with the matching signature algorithm. */
    public static KeyAlgorithm of(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> ECDSA_P256;
            case "RSA" -> RSA3072;
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    public static KeyAlgorithm fromId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (KeyAlgorithm a : values()) {
            if (a.id.equals(wanted) || (a == ECDSA_P256 && wanted.equals("ecdsa"))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + id + "' (known: ecdsa-p256, rsa3072)");
    }
}
