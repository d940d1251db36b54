package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.acquire.Progress;
import org.junit.jupiter.api.Test;

/** The progress line's layout: it fills the terminal's width exactly, keeps a bar, and drops detail before the bar. */
class ProgressLineTest {
    private static final long GiB = 1L << 30;

    @Test
    void render_fillsEachWidthExactly_keepingABarOfAtLeastTenCells() {
        Progress.Snapshot s =
                new Progress.Snapshot(GiB / 3, GiB, 12, "scraping bad areas", 5_000_000_000L, 3 * 1_000_000_000L);
        for (int width : new int[] {40, 60, 80, 120, 200}) {
            String line = ProgressLine.render("Acquiring", s, 123.4 * (1 << 20), width, true);
            assertThat(line).as("width %d", width).hasSize(width).startsWith("Acquiring  33% │");
            assertThat(line).containsPattern("│[█▏▎▍▌▋▊▉ ]{" + ProgressLine.MIN_BAR + ",}│");
        }
        assertThat(ProgressLine.render("Acquiring", s, 123.4 * (1 << 20), 200, true))
                .contains("0.33/1.00 GiB, no good read for 5 s, 12 bad sectors, 123.4 MiB/s, left 0:00:06,"
                        + " scraping bad areas");
        assertThat(ProgressLine.render("Acquiring", s, 123.4 * (1 << 20), 80, true))
                .as("the phase, time left and rate go first; a stall and bad sectors stay")
                .contains("0.33/1.00 GiB, no good read for 5 s, 12 bad sectors")
                .doesNotContain("scraping");
    }

    @Test
    void render_saysOneHundredPercentOnlyWhenEveryByteIsDone() {
        Progress.Snapshot almost = new Progress.Snapshot(GiB - 1, GiB, 0, "copying", 0, 1_000_000_000L);
        Progress.Snapshot done = new Progress.Snapshot(GiB, GiB, 0, "finishing", 0, 2_000_000_000L);
        assertThat(ProgressLine.render("Acquiring", almost, 1e9, 100, true)).startsWith("Acquiring  99% ");
        assertThat(ProgressLine.render("Acquiring", done, 1e9, 100, true))
                .matches("Acquiring 100% │█{" + ProgressLine.MIN_BAR + ",}│ .*")
                .contains("took 0:00:02");
    }

    @Test
    void render_onATerminalWithoutBlockCharacters_drawsAnAsciiBar() {
        Progress.Snapshot half = new Progress.Snapshot(GiB / 2, GiB, 0, "copying", 0, 1_000_000_000L);
        String line = ProgressLine.render("Acquiring", half, 1e9, 80, false);
        assertThat(line)
                .hasSize(80)
                .containsPattern("Acquiring  50% \\[#+-? +\\]")
                .matches("\\p{ASCII}*");
    }
}
