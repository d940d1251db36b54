package dev.exhibit.acquire.writeblock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountinfoTest {

    @Test
    void parse_readsDeviceNumberMountPointTypeAndSource_withOptionalFields() {
        String text =
                "36 35 98:0 /mnt1 /mnt/parent\\040dir rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue\n"
                        + "42 27 7:3 / /tmp/a\\134b ro,relatime - ext4 /dev/loop3p1 ro\n"
                        + "garbage line\n";
        List<Mountinfo.Mount> mounts = Mountinfo.parse(text);
        assertThat(mounts)
                .containsExactly(
                        new Mountinfo.Mount("98:0", "/mnt1", "/mnt/parent dir", "ext3", "/dev/root", "rw,noatime"),
                        new Mountinfo.Mount("7:3", "/", "/tmp/a\\b", "ext4", "/dev/loop3p1", "ro,relatime"));
    }

    @Test
    void unescape_decodesOctalEscapesAsUtf8Bytes() {
        assertThat(Mountinfo.unescape("a\\011b\\012c")).isEqualTo("a\tb\nc");
        assertThat(Mountinfo.unescape("caf\\303\\251")).isEqualTo("caf\u00e9");
        assertThat(Mountinfo.unescape("bad\\377")).isEqualTo("bad\ufffd");
        assertThat(Mountinfo.unescape("not\\9xy")).isEqualTo("not\\9xy");
    }

    @Test
    void read_findsTheRootMount() throws Exception {
        assertThat(Mountinfo.read()).anyMatch(m -> m.mountPoint().equals("/"));
    }
}
