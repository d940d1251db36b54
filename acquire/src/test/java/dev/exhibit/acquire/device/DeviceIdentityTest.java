package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity of real loop devices, with blockdev(8) as the oracle for sizes. */
class DeviceIdentityTest {
    @TempDir
    Path dir;

    @Test
    void probe_loopDevice_sizesFromTheKernel_hiddenAreasNotCheckedWithTheReason() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "6M");
        try (LoopDevice loop =
                LoopDevice.attach(image, LoopDevice.Options.readOnlyDisk().withSectorBytes(4096))) {
            DeviceIdentity id = DeviceIdentity.probe(loop.path());
            assertThat(id.disk()).isEqualTo(loop.name());
            assertThat(id.transport()).isEqualTo("loop");
            assertThat(id.sizeBytes()).isEqualTo(blockdev("--getsize64", loop.path()));
            assertThat((long) id.logicalSectorBytes())
                    .isEqualTo(blockdev("--getss", loop.path()))
                    .isEqualTo(4096);
            assertThat((long) id.physicalSectorBytes()).isEqualTo(blockdev("--getpbsz", loop.path()));
            assertThat(id.serial()).isEqualTo(DeviceIdentity.UNKNOWN);
            assertThat(id.hpa().state()).isEqualTo(HiddenArea.State.NOT_CHECKED);
            assertThat(id.hpa().detail()).startsWith("the device takes no SCSI commands (SG_IO: ");
            assertThat(id.dco().state()).isEqualTo(HiddenArea.State.NOT_CHECKED);

            JsonNode json = id.toJson();
            for (String field :
                    List.of("vendor", "model", "serial", "firmware", "transport", "removable", "rotational")) {
                assertThat(json.get("device").get(field).isTextual()).as(field).isTrue();
            }
            assertThat(json.get("device").get("removable").asText()).isEqualTo("false");
            String rotational = Proc.run("cat", "/sys/block/" + loop.name() + "/queue/rotational")
                    .ok()
                    .stdout()
                    .strip();
            assertThat(json.get("device").get("rotational").asText())
                    .isEqualTo(rotational.equals("1") ? "true" : "false");
            assertThat(json.get("device").get("sources").get("serial").asText()).isEqualTo("none");
            assertThat(json.get("hpa").get("state").asText()).isEqualTo("not-checked");
            assertThat(json.get("dco").get("detail").asText()).contains("SG_IO");
        }
    }

    @Test
    void probe_partition_describesItsDisk() throws IOException {
        Path image = DiskImages.gpt(dir.resolve("gpt.img"), "32M", "8M");
        try (LoopDevice loop =
                LoopDevice.attach(image, LoopDevice.Options.writable().withPartitions())) {
            DeviceIdentity id = DeviceIdentity.probe(loop.partitions().getFirst());
            assertThat(id.disk()).isEqualTo(loop.name());
            assertThat(id.sizeBytes()).isEqualTo(32L << 20);
        }
    }

    private static long blockdev(String option, Path device) {
        return Long.parseLong(
                Proc.run("blockdev", option, device.toString()).ok().stdout().strip());
    }
}
