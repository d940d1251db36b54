package dev.exhibit.report.keys;

import dev.exhibit.core.ExhibitException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM files of certificates and certificate requests, in the form openssl reads. */
public final class Pem {
    private Pem() {}

    public static String encode(Collection<?> objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** Every certificate in a PEM (or DER) file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw ExhibitException.usage(file + " holds no certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw ExhibitException.usage(file + " is not a PEM or DER certificate file: " + e.getMessage());
        }
    }

    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw ExhibitException.evidence("not an X.509 certificate: " + e.getMessage());
        }
    }
}
