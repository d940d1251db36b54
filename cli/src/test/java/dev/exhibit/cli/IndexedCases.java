package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Cases for the case-database tests, made with today's commands: {@code case init}, then for each item
 * {@code analyze files IMAGE --json --hash ... --types --out CASE/evidence/ID/analysis/files.jsonl} and
 * {@code timeline IMAGE --format jsonl --out .../timeline.jsonl}, the layout {@code analyze --case} writes, and
 * the summary {@code analyze IMAGE --out CASE/evidence/ID/analysis.json}.
 */
final class IndexedCases {
    private IndexedCases() {}

    static Path newCase(Path dir) {
        CliRunner.Result r = CliRunner.run(
                "case", "init", dir.toString(), "--number", "2026-0012", "--title", "Index", "--examiner", "J. Ex");
        assertThat(r.exit()).as(r.toString()).isZero();
        return dir;
    }

    /** Adds item {@code id} analysed from test image {@code image}; returns its analysis directory. */
    static Path addItem(Path caseDir, String id, String image, String... extra) throws IOException {
        Path analysis =
                Files.createDirectories(caseDir.resolve("evidence").resolve(id).resolve("analysis"));
        String img = TestImages.get(image).toString();
        List<String> args = new java.util.ArrayList<>(List.of(
                "analyze",
                "files",
                img,
                "--json",
                "--hash",
                "md5,sha1,sha256",
                "--types",
                "--out",
                analysis.resolve("files.jsonl").toString()));
        args.addAll(List.of(extra));
        CliRunner.Result files = CliRunner.run(args.toArray(String[]::new));
        assertThat(files.exit()).as(files.toString()).isZero();
        CliRunner.Result summary = CliRunner.run(
                "analyze",
                img,
                "--out",
                analysis.getParent().resolve("analysis.json").toString());
        assertThat(summary.exit()).as(summary.toString()).isZero();
        CliRunner.Result timeline = CliRunner.run(
                "timeline",
                img,
                "--format",
                "jsonl",
                "--out",
                analysis.resolve("timeline.jsonl").toString());
        assertThat(timeline.exit()).as(timeline.toString()).isZero();
        return analysis;
    }

    /** The non-blank lines of a JSON Lines file. */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }
}
