package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testing.Proc;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's libewf tools (ewf-tools 20140813) as the oracle for E01 files. */
final class EwfTools {
    private static final Pattern HASH_LINE = Pattern.compile(
            "^(MD5|SHA1) hash (stored in file|calculated over data):\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern INFO_LINE = Pattern.compile("^\\t([^:\\t]+):\\t+(.*)$", Pattern.MULTILINE);

    private EwfTools() {}

    /** What ewfverify printed: the stored and computed digests, keyed "MD5 stored", "SHA1 calculated"... */
    record Verified(int exitCode, Map<String, String> hashes, String output) {}

    static Verified ewfverify(Path e01) {
        Proc.Result r = Proc.run("ewfverify", "-q", "-d", "sha1", e01.toString());
        Map<String, String> hashes = new LinkedHashMap<>();
        Matcher m = HASH_LINE.matcher(r.stdout());
        while (m.find()) {
            hashes.put(m.group(1) + (m.group(2).startsWith("stored") ? " stored" : " calculated"), m.group(3));
        }
        return new Verified(r.exitCode(), hashes, r.stdout() + r.stderr());
    }

    /** ewfverify exits 0 and the stored MD5 and SHA-1 are the ones it computed and the expected ones. */
    static void assertVerifies(Path e01, String md5, String sha1) {
        Verified v = ewfverify(e01);
        assertThat(v.exitCode()).as(v.output()).isZero();
        assertThat(v.hashes())
                .as(v.output())
                .containsEntry("MD5 stored", md5)
                .containsEntry("MD5 calculated", md5)
                .containsEntry("SHA1 stored", sha1)
                .containsEntry("SHA1 calculated", sha1);
    }

    /** ewfverify passes with the media's MD5 and SHA-1 stored, and ewfexport gives back exactly the media. */
    static void assertVerifiesAndExports(Path e01, byte[] media, Path tmp) throws java.io.IOException {
        assertVerifies(e01, Media.hex(HashAlgorithm.MD5, media), Media.hex(HashAlgorithm.SHA1, media));
        assertThat(java.nio.file.Files.readAllBytes(export(e01, tmp))).isEqualTo(media);
    }

    /** ewfinfo's "Name: value" lines (the last one wins when a name repeats). */
    static Map<String, String> ewfinfo(Path e01) {
        Proc.Result r = Proc.run("env", "TZ=UTC", "ewfinfo", e01.toString()).ok();
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = INFO_LINE.matcher(r.stdout());
        while (m.find()) {
            out.put(m.group(1).strip(), m.group(2).strip());
        }
        return out;
    }

    /** ewfinfo -e: the error list. */
    static String ewfinfoErrors(Path e01) {
        return Proc.run("ewfinfo", "-e", e01.toString()).ok().stdout();
    }

    /** ewfexport to a raw file (never stdout: the 2014 build appends its SUCCESS line to it); returns the file. */
    static Path export(Path e01, Path dir) {
        Path target = dir.resolve("export");
        Proc.run("ewfexport", "-u", "-q", "-f", "raw", "-t", target.toString(), e01.toString())
                .ok();
        return dir.resolve("export.raw");
    }
}
