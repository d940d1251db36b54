package dev.exhibit.report.keys;

import dev.exhibit.core.ExhibitException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Puts certificates into chain order (leaf, its issuer, ...) and checks each link. */
final class CertificateChains {
    private CertificateChains() {}

    static List<X509Certificate> order(PublicKey leafKey, List<X509Certificate> certificates) {
        List<X509Certificate> rest = new ArrayList<>(certificates);
        X509Certificate leaf = null;
        for (X509Certificate c : rest) {
            if (Certificates.sameKey(c.getPublicKey(), leafKey)) {
                leaf = c;
                break;
            }
        }
        if (leaf == null) {
            throw ExhibitException.usage("no certificate in the chain certifies this key file's key");
        }
        rest.remove(leaf);
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!rest.isEmpty() && !isSelfIssued(current)) {
            X509Certificate issuer = findIssuer(current, rest);
            if (issuer == null) {
                break;
            }
            rest.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        if (!rest.isEmpty()) {
            throw ExhibitException.usage("certificate '"
                    + rest.getFirst().getSubjectX500Principal().getName() + "' is not part of the chain of '"
                    + leaf.getSubjectX500Principal().getName() + "'");
        }
        return chain;
    }

    private static X509Certificate findIssuer(X509Certificate cert, List<X509Certificate> candidates) {
        for (X509Certificate c : candidates) {
            if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(c.getPublicKey());
                    return c;
                } catch (GeneralSecurityException e) {
                    throw ExhibitException.usage(
                            "certificate '" + cert.getSubjectX500Principal().getName()
                                    + "' names '" + c.getSubjectX500Principal().getName()
                                    + "' as issuer but is not signed by its key");
                }
            }
        }
        return null;
    }

    private static boolean isSelfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }
}
