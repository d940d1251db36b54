package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bad inputs are bad in the way their recipes say, as the Sleuth Kit tools see them. */
class BadImagesTest {
    @Test
    void garbage_hasNeitherVolumeSystemNorFileSystem() {
        Path image = TestImages.get("garbage");

        assertThat(Tsk.run("mmls", image.toString()).exitCode()).isEqualTo(1);
        Proc.Result fsstat = Tsk.run("fsstat", image.toString());
        assertThat(fsstat.exitCode()).isEqualTo(1);
        // TSK 4.11 names random bytes as possible encryption rather than "cannot determine file system type"
        assertThat(fsstat.stderr()).contains("Possible encryption detected");
    }

    @Test
    void empty_isRefusedByEveryTool() {
        Path image = TestImages.get("empty");

        assertThat(image).isEmptyFile();
        assertThat(Tsk.run("mmls", image.toString()).exitCode()).isEqualTo(1);
        assertThat(Tsk.run("fsstat", image.toString()).exitCode()).isEqualTo(1);
        assertThat(Tsk.run("img_stat", image.toString()).exitCode()).isEqualTo(0);
    }

    @Test
    void mbrLoop_isDetectedButReportedOnlyInVerboseOutput() {
        Path image = TestImages.get("mbr-loop");
        JsonNode loop = TestImages.facts("mbr-loop").path("loop");

        Proc.Result quiet = Tsk.run("mmls", image.toString()).ok();
        Proc.Result verbose = Tsk.run("mmls", "-v", image.toString()).ok();

        // libtsk stops the chain at the loop, resets the error and returns the partitions found so far
        assertThat(quiet.stderr()).doesNotContain("Loop");
        assertThat(verbose.stderr()).contains("Loop in partition table detected");
        assertThat(loop.path("ebr_sector").asLong())
                .isEqualTo(loop.path("links_to_sector").asLong());
        assertThat(Tsk.mmls(image))
                .anyMatch(r -> r.startSector() == loop.path("ebr_sector").asLong()
                        && r.description().startsWith("Extended Table"));
    }

    @Test
    void truncated_fileSystemsPastTheEndCannotBeOpened() {
        Path image = TestImages.get("truncated");
        JsonNode facts = TestImages.facts("truncated");
        long endSector = facts.path("truncated_at_sector").asLong();

        assertThat(facts.path("media_size_bytes").asLong()).isEqualTo(endSector * 512);
        int pastTheEnd = 0;
        for (JsonNode fs : facts.path("file_systems")) {
            if (fs.path("start_sector").asLong() >= endSector) {
                pastTheEnd++;
                Proc.Result r = Tsk.fsstat(image, fs.path("start_sector").asLong(), null);
                assertThat(r.exitCode()).isEqualTo(1);
                assertThat(r.stderr()).contains("Sector offset supplied is larger than disk image");
            }
        }
        assertThat(pastTheEnd).isPositive();
    }

    @Test
    void truncated_fileSystemCutByTheEndStillOpens() {
        // TSK does not compare a file system's size with the image: the cut ext4 opens and lists its early content
        Path image = TestImages.get("truncated");
        JsonNode facts = TestImages.facts("truncated");
        long endSector = facts.path("truncated_at_sector").asLong();
        JsonNode cut = null;
        for (JsonNode p : facts.path("partitions")) {
            long start = p.path("start_sector").asLong();
            if (start < endSector && start + p.path("length_sectors").asLong() > endSector) {
                cut = p;
            }
        }
        assertThat(cut).isNotNull();

        Proc.Result r =
                Tsk.fsstat(image, cut.path("start_sector").asLong(), null).ok();

        assertThat(r.stdout())
                .containsIgnoringCase("File System Type: " + cut.path("fs").asText());
    }
}
