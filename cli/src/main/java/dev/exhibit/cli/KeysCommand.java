package dev.exhibit.cli;

import dev.exhibit.report.keys.Certificates;
import dev.exhibit.report.keys.KeyAlgorithm;
import dev.exhibit.report.keys.KeyFiles;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.record.ReportHeader;
import dev.exhibit.report.sign.KeyDescriptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit keys init|export-cert|import-chain}: the examiner's signing key (docs/report.md). */
@Command(
        name = "keys",
        description = "Make and manage the examiner's signing key (a PKCS#12 file).",
        subcommands = {KeysCommand.Init.class, KeysCommand.ExportCert.class, KeysCommand.ImportChain.class})
final class KeysCommand extends GroupCommand {

    /** Options naming where the key file's password comes from; never the password itself. */
    static final class PasswordOption {
        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "Read the key file's password from the first line of FILE (else $" + Passwords.KEY_ENV
                        + ", else a prompt).")
        Path passwordFile;
    }

    @Command(
            name = "init",
            description = {
                "Make a key pair and a self-signed certificate in a new PKCS#12 file.",
                "With --csr, also write a PKCS#10 request for your organisation's CA; import the issued chain"
                        + " later with 'keys import-chain'."
            })
    static final class Init implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE.p12", description = "The key file to create.")
        Path out;

        @Option(
                names = "--subject",
                required = true,
                paramLabel = "DN",
                description = "Certificate subject, e.g. \"CN=Jane Examiner, O=Agency\".")
        String subject;

        @Option(
                names = "--algorithm",
                defaultValue = "ecdsa-p256",
                paramLabel = "ALG",
                description = "The key algorithm: ecdsa-p256 or rsa3072 (default: ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(
                names = "--days",
                defaultValue = "" + KeyFiles.DEFAULT_DAYS,
                paramLabel = "N",
                description = "How many days the certificate is valid (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--csr", paramLabel = "FILE.csr", description = "Also write a PKCS#10 certificate request.")
        Path csr;

        @Option(
                names = "--tsa",
                description = "Make a key for a local, UNTRUSTED time-stamping authority (--tsa local:FILE.p12 of"
                        + " 'report build') instead of a signing key: critical extended key usage timeStamping.")
        boolean tsa;

        @CommandLine.Mixin
        PasswordOption password = new PasswordOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KeyAlgorithm alg = KeyAlgorithm.fromId(algorithm);
            KeyFiles.InitRequest request = new KeyFiles.InitRequest(
                    out,
                    alg,
                    subject,
                    tsa ? Certificates.Purpose.TIMESTAMPING : Certificates.Purpose.SIGNING,
                    days,
                    csr);
            KeyStoreFile.SigningKey key = Passwords.use(
                    password.passwordFile,
                    tsa ? Passwords.TSA_ENV : Passwords.KEY_ENV,
                    out.toString(),
                    true,
                    pw -> KeyFiles.init(request, pw));
            PrintWriter w = spec.commandLine().getOut();
            w.println("exhibit: wrote " + out + ": "
                    + KeyDescriptions.describe(key.certificate().getPublicKey()) + " key, self-signed certificate");
            describe(w, key.chain());
            if (csr != null) {
                w.println("exhibit: wrote certificate request " + csr
                        + "; when the CA returns the chain: exhibit keys import-chain " + out + " --chain FILE.pem");
            }
            if (tsa) {
                w.println("exhibit: this is a LOCAL time-stamping key: its tokens are labelled untrusted");
            }
            return ExitCodes.OK;
        }
    }

    /** A command on an existing key file: its path, where its password comes from, and the output streams. */
    abstract static class OnKeyFile implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.p12", description = "The key file, made by keys init.")
        Path p12;

        @CommandLine.Mixin
        PasswordOption password = new PasswordOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        <T> T withPassword(Passwords.Use<T> use) throws IOException {
            return Passwords.use(password.passwordFile, Passwords.KEY_ENV, p12.toString(), false, use);
        }
    }

    @Command(name = "export-cert", description = "Write the key file's certificate chain as PEM, for verifiers.")
    static final class ExportCert extends OnKeyFile {
        @Option(names = "--out", required = true, paramLabel = "FILE.pem", description = "The PEM file to create.")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<X509Certificate> chain = withPassword(pw -> KeyFiles.exportCertificate(p12, pw, out));
            spec.commandLine().getOut().println("exhibit: wrote " + out + " (" + chain.size() + " certificate(s))");
            describe(spec.commandLine().getOut(), chain);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "import-chain",
            description = "Store the certificate chain a CA issued for this key (PEM, any order) in the key file.")
    static final class ImportChain extends OnKeyFile {
        @Option(names = "--chain", required = true, paramLabel = "FILE.pem", description = "The issued chain.")
        Path chain;

        @Override
        public Integer call() throws Exception {
            List<X509Certificate> stored = withPassword(pw -> KeyFiles.importChain(p12, pw, chain));
            spec.commandLine().getOut().println("exhibit: stored a chain of " + stored.size() + " in " + p12);
            describe(spec.commandLine().getOut(), stored);
            return ExitCodes.OK;
        }
    }

    static void describe(PrintWriter w, List<X509Certificate> chain) {
        for (X509Certificate c : chain) {
            w.println("  subject " + KeyDescriptions.name(c.getSubjectX500Principal()) + ", issuer "
                    + KeyDescriptions.name(c.getIssuerX500Principal()) + ", valid until "
                    + dev.exhibit.core.Times.utc(c.getNotAfter().toInstant()) + ", SHA-256 "
                    + ReportHeader.certificateSha256(c));
        }
    }
}
