package dev.exhibit.report.sign;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.timestamp.TimeStamper;
import dev.exhibit.report.keys.KeyStoreFile;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS (RFC 5652) signatures in DER, as {@code openssl cms -verify -binary -inform DER} checks them: SHA-256
 * with ECDSA P-256 or RSA-3072, signed attributes contentType, signingTime, messageDigest, CMSAlgorithmProtection and
 * ESS signingCertificateV2 (RFC 5035; binds the signer certificate, as CAdES-BES requires), and optionally an RFC 3161
 * token over the signature value as the unsigned attribute id-aa-signatureTimeStampToken (CAdES-T).
 */
public final class CmsSigner {
    private CmsSigner() {}

    /**
     * @param p7s the DER {@code ContentInfo}
     * @param stamp the time stamp embedded in it, or {@code null}
     */
    public record Signature(byte[] p7s, TimeStamper.Stamp stamp) {}

    public static Signature sign(byte[] content, KeyStoreFile.SigningKey key, TimeStamper stamper) throws IOException {
        try {
            X509Certificate cert = key.certificate();
            AttributeTable signed = new AttributeTable(new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificateV2(cert))));
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                            new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
                    .build(
                            new JcaContentSignerBuilder(key.algorithm().signatureAlgorithm()).build(key.privateKey()),
                            cert));
            gen.addCertificates(new JcaCertStore(key.chain()));
            CMSSignedData data = gen.generate(new CMSProcessableByteArray(content), false);
            TimeStamper.Stamp stamp = null;
            if (stamper != null) {
                SignerInformation signer =
                        data.getSignerInfos().getSigners().iterator().next();
                stamp = stamper.stamp(sha256(signer.getSignature()));
                AttributeTable unsigned = new AttributeTable(new Attribute(
                        PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(stamp.token().toCMSSignedData().toASN1Structure())));
                data = CMSSignedData.replaceSigners(
                        data,
                        new SignerInformationStore(SignerInformation.replaceUnsignedAttributes(signer, unsigned)));
            }
            return new Signature(data.getEncoded(ASN1Encoding.DER), stamp);
        } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("cannot sign: " + e.getMessage(), e);
        }
    }

    static SigningCertificateV2 signingCertificateV2(X509Certificate cert) throws CertificateEncodingException {
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(
                        X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                cert.getSerialNumber());
        // ESSCertIDv2 without an explicit algorithm means SHA-256 (RFC 5035 §5.4.1.1).
        return new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(sha256(cert.getEncoded()), issuerSerial)});
    }

    static byte[] sha256(byte[] bytes) {
        return HashAlgorithm.SHA256.newDigest().digest(bytes);
    }
}
