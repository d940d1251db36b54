package dev.exhibit.report.verify;

import dev.exhibit.core.digest.Sha256;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The stock {@code openssl} commands that repeat the signature and time-stamp checks of a report directory, with the
 * byte offsets of the embedded token and the signature value in this very {@code record.json.p7s}, so that a court
 * needs nothing from Exhibit to check a report.
 */
public final class OpensslCommands {
    private OpensslCommands() {}

    /**
     * @param p7s the signature file's bytes, or {@code null} when the report is unsigned
     * @param sidecar whether {@code record.json.p7s.tsr} exists
     */
    public static List<String> of(byte[] p7s, boolean sidecar) {
        List<String> c = new ArrayList<>();
        c.add("# In the report directory. examiner.pem: the examiner's certificate (or the CA that issued it),");
        c.add("# obtained from the examiner independently of this report; tsa.pem: the time-stamping authority's.");
        c.add("sha256sum record.json        # must equal the record SHA-256 shown on every page");
        if (p7s == null) {
            c.add("# This report is not signed: there is no signature to check.");
            return c;
        }
        c.add("openssl cms -verify -binary -inform DER -in record.json.p7s -content record.json \\");
        c.add("    -CAfile examiner.pem -purpose any -out /dev/null       # 'CMS Verification successful'");
        c.add("openssl cms -cmsout -print -inform DER -in record.json.p7s   # signer, signing time, attributes");
        if (sidecar) {
            c.add(
                    "openssl ts -verify -data record.json.p7s -in record.json.p7s.tsr -CAfile tsa.pem   # 'Verification: OK'");
            c.add("openssl ts -reply -in record.json.p7s.tsr -text   # time (genTime), policy, serial");
        }
        Embedded e = locate(p7s);
        if (e != null) {
            c.add("# The time stamp embedded in the signature covers the SHA-256 of the signature value:");
            c.add("dd if=record.json.p7s of=token.der bs=1 skip=" + e.tokenOffset + " count=" + e.tokenLength
                    + " status=none");
            c.add("dd if=record.json.p7s bs=1 skip=" + e.signatureOffset + " count=" + e.signatureLength
                    + " status=none | openssl dgst -sha256   # = " + e.signatureSha256);
            c.add("openssl ts -verify -in token.der -token_in -digest " + e.signatureSha256 + " -CAfile tsa.pem");
        }
        return c;
    }

    /** Where the embedded token and the signature value lie in the file (byte offsets from 0). */
    record Embedded(
            int tokenOffset, int tokenLength, int signatureOffset, int signatureLength, String signatureSha256) {}

    static Embedded locate(byte[] p7s) {
        try {
            SignerInformation signer = new CMSSignedData(p7s)
                    .getSignerInfos()
                    .getSigners()
                    .iterator()
                    .next();
            if (signer.getUnsignedAttributes() == null) {
                return null;
            }
            var attr = signer.getUnsignedAttributes()
                    .get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attr == null) {
                return null;
            }
            byte[] token = attr.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded("DER");
            new TimeStampToken(new CMSSignedData(token));
            byte[] sig = signer.getSignature();
            int t = indexOf(p7s, token);
            int s = indexOf(p7s, sig);
            if (t < 0 || s < 0) {
                return null;
            }
            return new Embedded(t, token.length, s, sig.length, Sha256.hex(sig));
        } catch (CMSException | TSPException | java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
