package dev.exhibit.acquire.badsector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapfile text against GNU ddrescuelog, which reads ours and writes maps for us to read. */
class MapfileTest {
    private static final Mapfile.Header HEADER = new Mapfile.Header(
            "exhibit 0.1.0 (commit abc)", "exhibit acquire /dev/sdb out", Instant.parse("2026-11-21T13:40:12Z"), null);

    @TempDir
    Path dir;

    @Test
    void write_isReadByDdrescuelogWithTheSameBlocksOfEveryStatus() throws IOException {
        RescueMap map = randomMap(new SplittableRandom(7), 1 << 20);
        map.setPosition(new RescueMap.Position(0x12345, RescuePhase.SCRAPING, 1));
        Path file = dir.resolve(Mapfile.FILE_NAME);
        Mapfile.write(file, map, Mapfile.Header.of(dev.exhibit.core.Invocation.of("exhibit", List.of("acquire"))));
        Proc.run("ddrescuelog", "-t", file.toString()).ok();
        for (BlockStatus status : BlockStatus.values()) {
            String listed = Proc.run("ddrescuelog", "-b", "512", "-l" + status.symbol(), file.toString())
                    .ok()
                    .stdout();
            assertThat(listed.lines().map(Long::parseLong).toList())
                    .as("sectors with status %s", status)
                    .isEqualTo(expand(map, status));
        }
        String totals = Proc.run("ddrescuelog", "-t", file.toString()).ok().stdout();
        assertThat(totals).contains("current status: scraping");
        assertThat(dir.toFile().list()).containsExactly(Mapfile.FILE_NAME); // no temporary file left
    }

    @Test
    void format_thenParse_givesTheSameMapAndPosition() {
        RescueMap map = randomMap(new SplittableRandom(99), 5_000_000);
        map.setPosition(new RescueMap.Position(4096, RescuePhase.RETRYING, 3));
        RescueMap back = Mapfile.parse(Mapfile.format(map, HEADER, Instant.now()), "m");
        assertThat(back.blocks()).isEqualTo(map.blocks());
        assertThat(back.position()).isEqualTo(map.position());
    }

    @Test
    void format_keepsEveryCommentOnOneLineAndTimesInUtc() {
        Mapfile.Header hostile = new Mapfile.Header(
                "exhibit", "exhibit acquire 'evil\n0x0 0x10 +\u00e9'", Instant.parse("2026-11-21T13:40:12.5Z"), null);
        String text = Mapfile.format(RescueMap.of(512), hostile, Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(text)
                .contains("# Command line: exhibit acquire 'evil\\x0a0x0 0x10 +\\xc3\\xa9'\n")
                .contains("# Start time:   2026-11-21T13:40:12.500000Z\n")
                .contains("# Current time: 2026-11-21T14:00:00.000000Z\n");
        assertThat(Mapfile.parse(text, "m").blocks()).containsExactly(new Block(0, 512, BlockStatus.NON_TRIED));
    }

    @Test
    void write_replacesTheOldMapAtomically() throws IOException {
        Path file = dir.resolve(Mapfile.FILE_NAME);
        RescueMap map = RescueMap.of(4096);
        Mapfile.write(file, map, HEADER);
        map.mark(0, 4096, BlockStatus.FINISHED);
        Mapfile.write(file, map, HEADER);
        assertThat(Mapfile.read(file).blocks()).containsExactly(new Block(0, 4096, BlockStatus.FINISHED));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void parse_aMapWrittenByDdrescuelog() throws IOException {
        Path file = dir.resolve("created.map");
        Proc.Result created = Proc.run("sh", "-c", "printf '5\\n6\\n9\\n' | ddrescuelog -b 512 -c - > " + file);
        created.ok();
        RescueMap map = Mapfile.read(file);
        // ddrescuelog -c marks the listed blocks finished and the rest bad, up to the largest position.
        assertThat(map.blocks(EnumSet.of(BlockStatus.FINISHED)))
                .containsExactly(
                        new Block(5 * 512, 1024, BlockStatus.FINISHED), new Block(9 * 512, 512, BlockStatus.FINISHED));
        assertThat(map.endByte()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void parse_isLenientOnWhitespaceCommentsCrlfAndNumberBases() {
        String text = "# made by hand\r\n  0x0   +  \r\n# pos size status\n0\t01000\t+ # octal 512\n"
                + "512 0x200   -\n\n0x400 1024 ?\n";
        RescueMap map = Mapfile.parse(text, "hand.map");
        assertThat(map.blocks())
                .containsExactly(
                        new Block(0, 512, BlockStatus.FINISHED),
                        new Block(512, 512, BlockStatus.BAD_SECTOR),
                        new Block(1024, 1024, BlockStatus.NON_TRIED));
        assertThat(map.position()).isEqualTo(new RescueMap.Position(0, RescuePhase.FINISHED, 1));
    }

    @Test
    void parse_rejectsWhatDdrescuelogRejects_namingTheLine() throws IOException {
        List<String[]> cases = List.of(
                new String[] {"0 + 1\n0 0x200 +\n0x400 0x200 -\n", "line 3", "a gap of 512 bytes"},
                new String[] {"0 + 1\n0 0x400 +\n0x200 0x200 -\n", "line 3", "an overlap of 512 bytes"},
                new String[] {"0 + 1\n0 0x200 +\n0x200 0 -\n", "line 3", "size 0"},
                new String[] {"0 + 1\n0 0x200 x\n", "line 2", "unknown block status 'x'"},
                new String[] {"0 + 1\n0 0x2g0 +\n", "line 2", "size '0x2g0'"},
                new String[] {"0 + 1\n0 0x200\n", "line 2", "expected 'pos size status'"},
                new String[] {"0 x 1\n", "line 1", "unknown current_status 'x'"},
                new String[] {"0 + 0\n", "line 1", "current_pass must be positive"});
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("bad.map"), c[0], StandardCharsets.US_ASCII);
            Proc.Result oracle = Proc.run("ddrescuelog", "-t", file.toString());
            assertThat(oracle.exitCode()).as("ddrescuelog on %s", c[0]).isNotZero();
            assertThat(oracle.stderr()).as("ddrescuelog on %s", c[0]).contains(c[1]);
            assertThatThrownBy(() -> Mapfile.read(file))
                    .isInstanceOf(MapfileException.class)
                    .hasMessageStartingWith(file + " " + c[1] + ": ")
                    .hasMessageContaining(c[2])
                    .satisfies(e -> assertThat(((MapfileException) e).kind())
                            .isEqualTo(dev.exhibit.core.ExhibitException.Kind.EVIDENCE));
        }
    }

    @Test
    void parse_emptyText_hasNoStatusLine() {
        assertThatThrownBy(() -> Mapfile.parse("# only comments\n", "empty.map"))
                .isInstanceOf(MapfileException.class)
                .hasMessageContaining("empty.map line")
                .hasMessageContaining("no status line");
    }

    /** A map with random marks of every status, at byte (not sector) granularity. */
    static RescueMap randomMap(SplittableRandom random, int size) {
        RescueMap map = RescueMap.of(size);
        for (int i = 0; i < 60; i++) {
            int from = random.nextInt(size);
            int length = 1 + random.nextInt(Math.min(size - from, 20_000));
            map.mark(from, length, BlockStatus.values()[random.nextInt(BlockStatus.values().length)]);
        }
        return map;
    }

    /** Every 512-byte sector that holds a byte with {@code status}, as ddrescuelog -l lists them. */
    static List<Long> expand(RescueMap map, BlockStatus status) {
        return map.sectors(512, EnumSet.of(status)).stream()
                .flatMap(r ->
                        LongStream.rangeClosed(r.firstSector(), r.lastSector()).boxed())
                .toList();
    }
}
