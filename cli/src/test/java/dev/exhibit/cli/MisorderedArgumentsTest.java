package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.Invocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments in the wrong order or in the wrong place: the one usage error names what is wrong (not what happened to
 * be parsed next) and shows the order that works.
 */
class MisorderedArgumentsTest {
    @TempDir
    Path tmp;

    @Test
    void acquire_outdirBeforeSource_saysTheyAreSwapped_andCreatesNothing() throws IOException {
        Path source = Files.write(tmp.resolve("disk.img"), new byte[4096]);
        Path outDir = tmp.resolve("new-out");
        CliRunner.Result r = CliRunner.run("acquire", outDir.toString(), source.toString());
        assertUsageError(r)
                .contains("SOURCE " + outDir + " does not exist")
                .contains("OUTDIR " + source + " is an existing file")
                .contains("exhibit acquire " + q(source) + " " + q(outDir));
        assertThat(outDir).doesNotExist();
        assertThat(source).hasSize(4096);
    }

    @Test
    void acquire_existingDirectoryBeforeSource_saysTheyAreSwapped() throws IOException {
        Path source = Files.write(tmp.resolve("disk.img"), new byte[4096]);
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        CliRunner.Result r = CliRunner.run("acquire", outDir.toString(), source.toString());
        assertUsageError(r)
                .contains("SOURCE " + outDir + " is a directory")
                .contains("exhibit acquire " + q(source) + " " + q(outDir));
        assertThat(outDir).isEmptyDirectory();
    }

    @Test
    void acquire_resumeOfTheSourceInsteadOfTheOutdir_saysTheyAreSwapped() throws IOException {
        Path source = Files.write(tmp.resolve("disk.img"), new byte[4096]);
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(outDir.resolve("acquisition.log.jsonl"), "");
        CliRunner.Result r = CliRunner.run("acquire", "--resume", source.toString(), outDir.toString());
        assertUsageError(r).contains("exhibit acquire --resume " + q(outDir) + " " + q(source));
    }

    @Test
    void analyze_partitionNumberWithoutItsOption_namesWhatWasTakenAsWhat() {
        Path image = tmp.resolve("disk.img");
        for (List<String> args : List.of(
                List.of("analyze", "files", "2", image.toString()),
                List.of("analyze", "files", image.toString(), "2"))) {
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertUsageError(r)
                    .as(String.join(" ", args))
                    .contains("takes 1 operand (IMAGE)")
                    .contains("--partition p2")
                    .contains("exhibit analyze files");
        }
        CliRunner.Result first = CliRunner.run("analyze", "files", "2", image.toString());
        assertThat(first.err()).contains("took '2' as IMAGE").contains("'" + image + "' is one too many");
    }

    @Test
    void custody_caseAfterTheSubcommand_showsTheRightOrder() {
        Path c = tmp.resolve("case");
        CliRunner.Result r = CliRunner.run("custody", "add", c.toString(), "--type", "seize", "--item", "EV-1");
        assertUsageError(r)
                .contains("CASE goes before 'add'")
                .contains("exhibit custody " + q(c) + " add --type seize --item EV-1");
    }

    @Test
    void custody_withoutCase_saysWhereItGoes() {
        CliRunner.Result r = CliRunner.run("custody", "list");
        assertUsageError(r).contains("CASE").contains("exhibit custody CASE list");
    }

    @Test
    void verify_sourceOptionBeforeOutdir_saysWhatItTook() {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("verify", "--source", out.toString());
        assertUsageError(r)
                .contains("missing PATH")
                .contains("--source took '" + out + "' as its DEVICE")
                .contains("exhibit verify " + q(out) + " --source");
    }

    @Test
    void optionOfASubcommandGivenBeforeIt_saysWhereItGoes() {
        CliRunner.Result r = CliRunner.run("report", "--sign", "k.p12", "build", "case");
        assertUsageError(r)
                .contains("'--sign' is an option of 'exhibit report build'")
                .contains("after 'build'");
    }

    @Test
    void imageGivenForThePartition_isNotAPartitionName() {
        CliRunner.Result r = CliRunner.run("analyze", "files", "--partition", "disk.img", "2");
        assertUsageError(r).contains("--partition").contains("'disk.img' is not a partition name");
    }

    @Test
    void wordForANumberOption_isCalledNotAWholeNumber() {
        CliRunner.Result r = CliRunner.run("analyze", "files", "--offset", "disk.img", "2");
        assertUsageError(r).contains("--offset").contains("'disk.img' is not a whole number");
    }

    private static String q(Path p) {
        return Invocation.shellQuote(p.toString());
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertUsageError(CliRunner.Result r) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("exhibit: usage error: ")
                .doesNotContain("\tat ");
        assertThat(r.err().lines().count()).as(r.toString()).isLessThanOrEqualTo(2);
        return assertThat(r.err().lines().findFirst().orElseThrow()).as(r.toString());
    }
}
