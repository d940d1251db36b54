package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.digest.Sha256;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit demo} runs the demo recipe on users' machines: it must build with nothing but the runtime packages
 * of {@code scripts/ensure-deps} (and Debian's essential ones), as an ordinary user, and give the same disk.
 */
class DemoRecipeTest {
    private static final Pattern RUNTIME = Pattern.compile("^runtime=\\(([^)]*)\\)", Pattern.MULTILINE);
    private static final String NOBODY = "65534";

    @Test
    void demo_buildsWithRuntimeToolsOnlyAsAnOrdinaryUser(@TempDir Path tmp) throws IOException {
        Path root = TestImages.repoRoot();
        // a PATH of only the allowed tools; its name ends in "sbin" so the recipe adds no system directories
        Path bin = Files.createDirectories(tmp.resolve("sbin"));
        for (String pkg : allowedPackages(root)) {
            for (String file : Proc.run("dpkg", "-L", pkg).ok().stdout().split("\n")) {
                Path tool = Path.of(file);
                if (file.matches("/(usr/)?s?bin/[^/]+")
                        && Files.isRegularFile(tool)
                        && Files.isExecutable(tool)
                        && !Files.exists(bin.resolve(tool.getFileName()))) {
                    Files.createSymbolicLink(bin.resolve(tool.getFileName()), tool);
                }
            }
        }
        // a copy of the recipes nobody can read, and an output directory nobody can write
        Path scripts = Files.createDirectories(tmp.resolve("testdata"));
        Proc.run(
                        "cp",
                        "-r",
                        root.resolve("testdata/make-image.sh").toString(),
                        root.resolve("testdata/lib").toString(),
                        root.resolve("testdata/recipes").toString(),
                        scripts.toString())
                .ok();
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rwxr-xr-x"));
            }
        }

        Proc.Result r = Proc.run(
                tmp,
                List.of(
                        "setpriv",
                        "--reuid=" + NOBODY,
                        "--regid=" + NOBODY,
                        "--clear-groups",
                        "/usr/bin/env",
                        "-i",
                        "PATH=" + bin,
                        "HOME=/nonexistent",
                        "/usr/bin/bash",
                        scripts.resolve("make-image.sh").toString(),
                        "demo",
                        out.toString()));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Sha256.ofFile(out.resolve("demo.img")))
                .isEqualTo(TestImages.facts("demo").path("media_sha256").asText());
    }

    /** The runtime profile of scripts/ensure-deps plus the packages Debian marks essential. */
    private static List<String> allowedPackages(Path root) throws IOException {
        Matcher m = RUNTIME.matcher(Files.readString(root.resolve("scripts/ensure-deps")));
        assertThat(m.find()).as("runtime=(...) in scripts/ensure-deps").isTrue();
        List<String> packages = new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
        for (String line : Proc.run("dpkg-query", "-W", "-f", "${Package} ${Essential}\n")
                .ok()
                .stdout()
                .split("\n")) {
            if (line.endsWith(" yes")) {
                packages.add(line.substring(0, line.indexOf(' ')));
            }
        }
        return packages;
    }
}
