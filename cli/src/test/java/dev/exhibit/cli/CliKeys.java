package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.fixtures.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Key files made the way an examiner makes them, with {@code exhibit keys init} and {@code export-cert}: a password
 * file, then a key file and its certificate in PEM.
 */
record CliKeys(Path passwordFile, Path p12, Path pem) {

    /** A password file in {@code dir} holding {@link TestKeys#PASSWORD}. */
    static Path passwordFile(Path dir) throws IOException {
        Path pw = dir.resolve("pw");
        if (!Files.exists(pw)) {
            Files.writeString(pw, new String(TestKeys.PASSWORD) + "\n", StandardCharsets.UTF_8);
        }
        return pw;
    }

    /** An examiner's signing key {@code NAME.p12} and {@code NAME.pem} in {@code dir}. */
    static CliKeys examiner(Path dir, String name, String subject) throws IOException {
        return make(dir, name, subject, false);
    }

    /** {@code report build CASE --sign NAME.p12 --password-file PW}: the command that signs a report with this key. */
    String[] reportBuild(Path caseDir) {
        return new String[] {
            "report", "build", caseDir.toString(), "--sign", p12.toString(), "--password-file", passwordFile.toString()
        };
    }

    /** A local time-stamping authority's key {@code NAME.p12} and {@code NAME.pem} in {@code dir}. */
    static CliKeys tsa(Path dir, String name, String subject) throws IOException {
        return make(dir, name, subject, true);
    }

    private static CliKeys make(Path dir, String name, String subject, boolean tsa) throws IOException {
        Path pw = passwordFile(dir);
        Path p12 = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        ok(
                tsa
                        ? new String[] {
                            "keys",
                            "init",
                            "--tsa",
                            "--out",
                            p12.toString(),
                            "--subject",
                            subject,
                            "--password-file",
                            pw.toString()
                        }
                        : new String[] {
                            "keys",
                            "init",
                            "--out",
                            p12.toString(),
                            "--subject",
                            subject,
                            "--password-file",
                            pw.toString()
                        });
        ok("keys", "export-cert", p12.toString(), "--out", pem.toString(), "--password-file", pw.toString());
        return new CliKeys(pw, p12, pem);
    }

    private static void ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
