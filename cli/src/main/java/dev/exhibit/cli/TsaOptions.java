package dev.exhibit.cli;

import dev.exhibit.core.timestamp.HttpTsa;
import dev.exhibit.core.timestamp.TsaTransport;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.sign.LocalTimeStampAuthority;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --tsa URL|local:FILE.p12} and {@code --tsa-password-file}: the one way every command names an RFC 3161
 * time-stamping authority (report signatures, acquisition logs).
 */
final class TsaOptions {
    /** The --tsa prefix for a local, untrusted time-stamping authority read from a key file. */
    static final String LOCAL_TSA = "local:";

    @Option(
            names = "--tsa",
            paramLabel = "URL",
            description = "RFC 3161 time-stamping authority: an http(s) URL, or local:FILE.p12 for Exhibit's local"
                    + " authority (UNTRUSTED; tests and offline labs).")
    String tsa;

    @Option(
            names = "--tsa-password-file",
            paramLabel = "FILE",
            description = "Password of a local TSA key file (else $" + Passwords.TSA_ENV + ", else a prompt).")
    Path tsaPasswordFile;

    boolean given() {
        return tsa != null;
    }

    boolean local() {
        return tsa != null && tsa.startsWith(LOCAL_TSA);
    }

    /** How the authority is named in messages. */
    String name() {
        return local() ? tsa : URI.create(tsa).toString();
    }

    /** The authority, or null when none was given; a local key file is opened (and its password read) here. */
    TsaTransport transport() throws IOException {
        if (tsa == null) {
            return null;
        }
        if (local()) {
            Path file = Path.of(tsa.substring(LOCAL_TSA.length()));
            KeyStoreFile.SigningKey key = Passwords.use(
                    tsaPasswordFile, Passwords.TSA_ENV, file.toString(), false, pw -> KeyStoreFile.load(file, pw));
            return new LocalTimeStampAuthority(key, file.toString());
        }
        try {
            return new HttpTsa(URI.create(tsa));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--tsa '" + tsa + "' is neither an http(s) URL nor " + LOCAL_TSA + "FILE.p12");
        }
    }
}
