package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flash media are told from the device facts an acquisition logged: a real loop device's facts (whatever its
 * rotational flag) and a file are not flash; USB, MMC, NVMe, removable and solid-state drives are.
 */
class FlashMediaTest {
    @TempDir
    Path dir;

    @Test
    void why_ofARealLoopDevice_isEmpty_whateverItsRotationalFlag() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "4M");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.readOnlyDisk())) {
            ObjectNode logged = blockDevice(DeviceIdentity.probe(loop.path()).deviceJson());
            assertThat(FlashMedia.why(logged)).isEmpty();
            ((ObjectNode) logged.get("device")).put("rotational", "false");
            assertThat(FlashMedia.why(logged)).as("a loop device reads a file").isEmpty();
        }
    }

    @Test
    void why_ofARegularFile_isEmpty() {
        ObjectNode file = Jcs.object().put("kind", "file").put("device", DeviceIdentity.UNKNOWN);
        assertThat(FlashMedia.why(file)).isEmpty();
    }

    @Test
    void why_namesTheLoggedFactThatMakesItFlash() {
        assertThat(FlashMedia.why(disk("usb", "false", "true"))).contains("transport usb");
        assertThat(FlashMedia.why(disk("mmc", "true", "true"))).contains("transport mmc");
        assertThat(FlashMedia.why(disk("nvme", "false", "false"))).contains("transport nvme");
        assertThat(FlashMedia.why(disk("scsi", "true", "true"))).contains("removable media");
        assertThat(FlashMedia.why(disk("ata", "false", "false"))).contains("not rotational: a solid-state drive");
        assertThat(FlashMedia.why(disk("ata", "false", "true")))
                .as("a spinning disk")
                .isEmpty();
        assertThat(FlashMedia.why(disk("ata", "unknown", "unknown"))).isEmpty();
    }

    private static ObjectNode disk(String transport, String removable, String rotational) {
        ObjectNode device = Jcs.object()
                .put("transport", transport)
                .put("removable", removable)
                .put("rotational", rotational);
        return blockDevice(device);
    }

    private static ObjectNode blockDevice(ObjectNode device) {
        ObjectNode source = Jcs.object().put("kind", "block-device");
        source.set("device", device);
        return source;
    }
}
