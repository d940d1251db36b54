package dev.exhibit.acquire.writeblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule in /etc/udev/rules.d, checked by {@code udevadm test} (systemd 252 has no {@code udevadm verify}). udevd does
 * not run in this sandbox, so the rule cannot be seen acting on a real hot-plug event; {@code udevadm test} shows which
 * RUN it would queue, without running it. It also writes udev database files and /dev symlinks, which are removed.
 */
class UdevRuleTest {
    private static final List<Path> UDEV_LEFTOVERS =
            List.of(Path.of("/run/udev"), Path.of("/dev/disk"), Path.of("/dev/block"));

    @TempDir
    Path dir;

    private final Path rule = Path.of("/etc/udev/rules.d/61-exhibit-writeblock-test-"
            + ProcessHandle.current().pid() + ".rules");
    private final List<Path> existedBefore = new ArrayList<>();
    private final List<Path> entriesBefore = new ArrayList<>();

    @BeforeEach
    void rememberUdevState() throws IOException {
        for (Path p : UDEV_LEFTOVERS) {
            if (Files.exists(p)) {
                existedBefore.add(p);
                try (Stream<Path> all = Files.walk(p)) {
                    entriesBefore.addAll(all.toList());
                }
            }
        }
    }

    @AfterEach
    void removeRuleAndUdevLeftovers() throws IOException {
        Files.deleteIfExists(rule);
        for (Path p : UDEV_LEFTOVERS) {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> all;
            try (Stream<Path> walk = Files.walk(p)) {
                all = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path q : all) {
                if (!entriesBefore.contains(q)) {
                    Files.deleteIfExists(q);
                }
            }
        }
    }

    @Test
    void install_writesARuleUdevadmReadsWithoutError_andRemoveTakesItAway() throws IOException {
        UdevRule.Outcome installed = UdevRule.install(rule, "exhibit writeblock --install-udev-rule (test)");
        assertThat(Files.readString(rule))
                .startsWith("# Exhibit write-blocking rule")
                .contains("ACTION!=\"add\", GOTO=\"exhibit_writeblock_end\"")
                .contains("ENV{SYNTH_UUID}==\"?*\", GOTO=\"exhibit_writeblock_end\"")
                .contains("RUN+=\"/usr/sbin/blockdev --setro $devnode\"");
        assertThat(installed.reload())
                .isIn("udev rules reloaded", "udevd is not running here; it reads the rule when it starts");
        // The disk holding the root file system is the host's own and is reported as left alone.
        String rootDev = Mountinfo.read().stream()
                .filter(m -> m.mountPoint().equals("/"))
                .findFirst()
                .orElseThrow()
                .devNumber();
        Path rootSys = Path.of("/sys/dev/block", rootDev);
        if (Files.exists(rootSys)) {
            Path sys = rootSys.toRealPath();
            String disk = Files.exists(sys.resolve("partition"))
                    ? sys.getParent().getFileName().toString()
                    : sys.getFileName().toString();
            assertThat(installed.hostDisks()).anyMatch(d -> d.startsWith("/dev/" + disk + ": excluded"));
        }

        try (LoopDevice loop = LoopDevice.attach(image(), LoopDevice.Options.writable())) {
            String out = udevadmTest(loop);
            assertThat(out).contains("Reading rules file: " + rule);
            assertThat(out.lines().filter(l -> l.contains(rule.toString() + ":")))
                    .noneMatch(l -> l.contains("Invalid") || l.contains("error") || l.contains("Unknown"));
            // Loop devices are made by the host itself: the rule leaves them alone.
            assertThat(out).doesNotContain("blockdev --setro").doesNotContain("UDISKS_IGNORE=1");
        }

        assertThat(UdevRule.remove(rule)).isNotNull();
        assertThat(rule).doesNotExist();
        assertThat(UdevRule.remove(rule)).isNull();
    }

    @Test
    void rule_queuesBlockdevSetroAndHidesFromUdisks_forAnAddedDisk() throws IOException {
        // The shipped rule excludes loop devices; this one differs only in that, so a loop device stands for a new
        // disk.
        List<String> allButLoop =
                UdevRule.HOST_MADE.stream().filter(g -> !g.equals("loop*")).toList();
        UdevRule.write(rule, UdevRule.text("/usr/sbin/blockdev", allButLoop, List.of(), "test"));
        try (LoopDevice loop = LoopDevice.attach(image(), LoopDevice.Options.writable())) {
            String out = udevadmTest(loop);
            assertThat(out).contains("run: '/usr/sbin/blockdev --setro " + loop.path() + "'");
            assertThat(out).contains("UDISKS_IGNORE=1").contains("UDISKS_AUTO=0");
            // udevadm test lists RUN programs without running them.
            assertThat(Proc.run("blockdev", "--getro", loop.path().toString())
                            .ok()
                            .stdout()
                            .strip())
                    .isEqualTo("0");
        }
    }

    @Test
    void rule_excludesHostDisksBySerial() {
        String text = UdevRule.text("/usr/sbin/blockdev", UdevRule.HOST_MADE, List.of("WDC_WD5000_WD-123"), "test");
        assertThat(text).contains("ENV{ID_SERIAL}==\"WDC_WD5000_WD-123\", GOTO=\"exhibit_writeblock_end\"\n");
        assertThat(text.indexOf("ID_SERIAL")).isLessThan(text.indexOf("RUN+="));
    }

    @Test
    void remove_refusesAFileThatIsNotExhibitsRule() throws IOException {
        Path foreign = Files.writeString(dir.resolve("99-other.rules"), "KERNEL==\"sd*\", OPTIONS+=\"nowatch\"\n");
        assertThatThrownBy(() -> UdevRule.remove(foreign))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("not Exhibit's write-blocking rule");
        assertThat(foreign).exists();
    }

    private Path image() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "4M");
        return image;
    }

    private static String udevadmTest(LoopDevice loop) {
        Proc.Result r = Proc.run("udevadm", "test", "--action=add", "/sys/class/block/" + loop.name());
        return r.stdout() + r.stderr();
    }
}
