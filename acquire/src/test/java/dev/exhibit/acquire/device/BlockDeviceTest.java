package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDeviceTest {
    @TempDir
    Path dir;

    @Test
    void of_findsTheDeviceByItsNumber_evenThroughASymlink() throws IOException {
        try (LoopDevice loop = LoopDevice.attach(image("4M"), LoopDevice.Options.readOnlyDisk())) {
            Path link = Files.createSymbolicLink(dir.resolve("evidence"), loop.path());
            BlockDevice d = BlockDevice.of(link);
            assertThat(d.name()).isEqualTo(loop.name());
            assertThat(d.devNode()).isEqualTo(loop.path());
            assertThat(d.node()).isEqualTo(link);
            String majMin = Proc.run("lsblk", "-dno", "MAJ:MIN", loop.path().toString())
                    .ok()
                    .stdout()
                    .strip();
            assertThat(d.devNumber()).isEqualTo(majMin);
            assertThat(d.isPartition()).isFalse();
            assertThat(d.disk()).isEqualTo(d);
            assertThat(d.holders()).isEmpty();
            assertThat(d.attribute("ro")).contains("1");
        }
    }

    @Test
    void partitions_andDisk_relateAPartitionedDisk() throws IOException {
        Path image = DiskImages.gpt(dir.resolve("gpt.img"), "32M", "8M", "8M");
        try (LoopDevice loop =
                LoopDevice.attach(image, LoopDevice.Options.writable().withPartitions())) {
            BlockDevice disk = BlockDevice.of(loop.path());
            assertThat(disk.partitions()).extracting(BlockDevice::devNode).containsExactlyElementsOf(loop.partitions());
            BlockDevice p2 = BlockDevice.of(loop.partitions().get(1));
            assertThat(p2.isPartition()).isTrue();
            assertThat(p2.disk()).isEqualTo(disk);
            assertThat(p2.partitions()).isEmpty();
        }
    }

    @Test
    void of_aRegularFile_isAUsageErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-disk"), "x");
        assertThatThrownBy(() -> BlockDevice.of(file))
                .isInstanceOf(ExhibitException.class)
                .hasMessage(file + " is not a block device")
                .satisfies(e -> assertThat(((ExhibitException) e).kind()).isEqualTo(ExhibitException.Kind.USAGE));
    }

    private Path image(String size) throws IOException {
        return DiskImages.blank(dir.resolve("disk-" + size + ".img"), size);
    }
}
