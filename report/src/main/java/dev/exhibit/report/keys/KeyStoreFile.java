package dev.exhibit.report.keys;

import dev.exhibit.core.ExhibitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A PKCS#12 file ({@code examiner.p12}) holding one private key and its certificate chain, leaf first. Written by the
 * JDK's PKCS12 keystore (PBES2 with AES-256 and an HMAC-SHA-256 MAC), which openssl 3 reads as well.
 */
public final class KeyStoreFile {
    /** The alias of the single entry; other tools see it as the friendly name. */
    public static final String ALIAS = "exhibit";

    private KeyStoreFile() {}

    /** A loaded key and its chain, leaf first. */
    public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {
        public SigningKey {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.getFirst();
        }

        public KeyAlgorithm algorithm() {
            return KeyAlgorithm.of(privateKey);
        }
    }

    /** Writes a new file; an existing file is never overwritten (it may hold the only copy of a key). */
    public static void create(Path file, SigningKey key, char[] password) throws IOException {
        byte[] bytes = encode(key, password);
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        restrictPermissions(file);
    }

    public static SigningKey load(Path file, char[] password) throws IOException {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(file)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || e.getMessage() != null && e.getMessage().contains("password")) {
                throw ExhibitException.usage("wrong password for " + file + " (or the file is damaged)");
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                throw e;
            }
            throw ExhibitException.usage(file + " is not a PKCS#12 key file: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw ExhibitException.usage(file + " is not a readable PKCS#12 key file: " + e.getMessage());
        }
        try {
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : ks.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new SigningKey(key, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw ExhibitException.usage("cannot read the private key in " + file + ": " + e.getMessage());
        }
        throw ExhibitException.usage(file + " holds no private key");
    }

    /**
     * Replaces the certificate chain stored with the key by one a CA issued for it, after checking that the leaf
     * certifies this very key and that each certificate is signed by the next. Returns the chain as stored.
     */
    public static List<X509Certificate> replaceChain(Path file, char[] password, List<X509Certificate> certificates)
            throws IOException {
        SigningKey current = load(file, password);
        List<X509Certificate> chain =
                CertificateChains.order(current.certificate().getPublicKey(), certificates);
        byte[] bytes = encode(new SigningKey(current.privateKey(), chain), password);
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        restrictPermissions(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return chain;
    }

    private static byte[] encode(SigningKey key, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key.privateKey(), password, key.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a PKCS#12 key file: " + e.getMessage(), e);
        }
    }

    private static void restrictPermissions(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }
}
