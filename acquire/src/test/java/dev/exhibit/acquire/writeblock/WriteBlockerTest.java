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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-blocking real loop devices (as root): the flag, what it stops and what it does not. */
class WriteBlockerTest {
    @TempDir
    Path dir;

    @Test
    void apply_makesTheDeviceReadOnlySoWritesFail_andReleaseUndoesIt() throws Exception {
        Path image = image("plain.img", "4M");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            String before = sha256(image);
            WriteBlockStatus status = WriteBlocker.apply(loop.path());
            assertThat(status.readOnly()).isTrue();
            assertThat(status.nodes())
                    .extracting(WriteBlockStatus.NodeState::node)
                    .containsExactly(loop.path().toString());
            Proc.Result write = writeZeros(loop.path());
            assertThat(write.exitCode()).isNotZero();
            assertThat(write.stderr()).contains("Operation not permitted");
            assertThat(sha256(image)).isEqualTo(before);
            assertThat(Proc.run("blockdev", "--getro", loop.path().toString())
                            .ok()
                            .stdout()
                            .strip())
                    .isEqualTo("1");

            WriteBlockStatus released = WriteBlocker.release(loop.path());
            assertThat(released.readOnly()).isFalse();
            writeZeros(loop.path()).ok();
        }
    }

    @Test
    void apply_toAPartition_blocksTheWholeDiskAndEveryPartition() throws Exception {
        try (LoopDevice loop = partitionedDisk()) {
            List<Path> parts = loop.partitions();
            WriteBlockStatus status = WriteBlocker.apply(parts.getFirst());
            assertThat(status.nodes())
                    .extracting(WriteBlockStatus.NodeState::node)
                    .containsExactly(
                            loop.path().toString(),
                            parts.get(0).toString(),
                            parts.get(1).toString());
            assertThat(status.nodes()).allMatch(n -> n.readOnly() && n.sysfsReadOnly());
            for (Path node : List.of(loop.path(), parts.get(0), parts.get(1))) {
                assertThat(writeZeros(node).stderr()).as("write to %s", node).contains("Operation not permitted");
            }
            assertThat(WriteBlocker.release(parts.get(1)).readOnly()).isFalse();
        }
    }

    @Test
    void require_refusesAWritableDevice_namingItAndTheFix() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(image("w.img", "4M"), LoopDevice.Options.writable())) {
            assertThatThrownBy(() -> WriteBlockCheck.require(loop.path()))
                    .isInstanceOf(WriteBlockException.class)
                    .hasMessageStartingWith(
                            loop.path() + " is not write-blocked: the kernel read-only flag is off on " + loop.path())
                    .hasMessageContaining("run 'exhibit writeblock " + loop.path() + "'")
                    .hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(((ExhibitException) e).kind()).isEqualTo(ExhibitException.Kind.USAGE));
        }
    }

    @Test
    void require_refusesAMountedPartition_namingTheMountPoint() throws Exception {
        try (LoopDevice loop = partitionedDisk()) {
            Path p1 = loop.partitions().getFirst();
            Proc.run("mkfs.ext4", "-q", p1.toString()).ok();
            Path mountPoint = Files.createDirectory(dir.resolve("mount point\\x"));
            WriteBlocker.apply(loop.path());
            Proc.run("mount", "-o", "ro", p1.toString(), mountPoint.toString()).ok();
            try {
                WriteBlockStatus seen = WriteBlockCheck.inspect(loop.path());
                assertThat(seen.mounted()).isTrue();
                assertThatThrownBy(() -> WriteBlockCheck.require(loop.path()))
                        .isInstanceOf(WriteBlockException.class)
                        .hasMessageContaining(p1 + " is mounted at " + mountPoint + " (ext4)")
                        .hasMessageContaining("unmount");
            } finally {
                Proc.run("umount", mountPoint.toString()).ok();
            }
            assertThat(WriteBlockCheck.require(loop.path()).blocked()).isTrue();
        }
    }

    @Test
    void require_refusesADeviceBackingALoopDevice() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(image("b.img", "4M"), LoopDevice.Options.writable())) {
            WriteBlocker.apply(loop.path());
            try (LoopDevice stacked = LoopDevice.attach(loop.path(), LoopDevice.Options.readOnlyDisk())) {
                assertThatThrownBy(() -> WriteBlockCheck.require(loop.path()))
                        .isInstanceOf(WriteBlockException.class)
                        .hasMessageContaining(loop.path() + " backs the loop device " + stacked.path());
            }
        }
    }

    @Test
    void require_refusesActiveSwapOnAPartition() throws Exception {
        try (LoopDevice loop = partitionedDisk()) {
            Path p2 = loop.partitions().get(1);
            Proc.run("mkswap", p2.toString()).ok();
            WriteBlocker.apply(loop.path());
            Proc.run("swapon", p2.toString()).ok();
            try {
                assertThatThrownBy(() -> WriteBlockCheck.require(loop.path()))
                        .isInstanceOf(WriteBlockException.class)
                        .hasMessageContaining(p2 + " is active swap");
            } finally {
                Proc.run("swapoff", p2.toString()).ok();
            }
        }
    }

    @Test
    void require_passesABlockedUnusedDevice_andRecordsTheCheck() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(image("ok.img", "4M"), LoopDevice.Options.writable())) {
            WriteBlocker.apply(loop.path());
            WriteBlockStatus status = WriteBlockCheck.require(loop.path());
            assertThat(status.blocked()).isTrue();
            assertThat(status.method()).isEqualTo("kernel-read-only-flag");
            var json = status.toJson();
            assertThat(json.get("readOnlyFlag").asBoolean()).isTrue();
            assertThat(json.get("mounted").asBoolean()).isFalse();
            assertThat(json.get("checked").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(json.get("device").asText()).isEqualTo(loop.path().toString());
        }
    }

    @Test
    void watch_seesAResetFlagAndALaterMount_andRestoresTheFlag() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(image("watch.img", "8M"), LoopDevice.Options.writable())) {
            Proc.run("mkfs.ext4", "-q", loop.path().toString()).ok();
            WriteBlockWatch watch = WriteBlockCheck.watch(WriteBlocker.apply(loop.path()));
            assertThat(watch.check()).isEmpty();

            ReadOnlyFlag.set(dev.exhibit.acquire.device.BlockDevice.of(loop.path()), false); // as a revalidation does
            assertThat(watch.check()).containsExactly("the kernel read-only flag of " + loop.path() + " was reset");
            assertThat(watch.restore()).containsExactly(loop.path().toString());
            assertThat(watch.check()).isEmpty();

            Path mnt = Files.createDirectory(dir.resolve("m"));
            Proc.run("mount", "-o", "ro", loop.path().toString(), mnt.toString())
                    .ok();
            try {
                assertThat(watch.check()).containsExactly(loop.path() + " was mounted at " + mnt);
            } finally {
                Proc.run("umount", mnt.toString()).ok();
            }
        }
    }

    @Test
    void kernel_letsAFileSystemMountedBeforeTheFlagKeepWriting() throws Exception {
        // Why the check refuses mounted devices: BLKROSET stops write(2) and new mounts, not a mounted file system.
        Path image = image("fs.img", "16M");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            Proc.run("mkfs.ext4", "-q", loop.path().toString()).ok();
            Path mnt = Files.createDirectory(dir.resolve("rw"));
            Proc.run("mount", loop.path().toString(), mnt.toString()).ok();
            try {
                Proc.run("sync").ok();
                String before = sha256(image);
                WriteBlocker.apply(loop.path());
                Files.writeString(mnt.resolve("after-blkroset.txt"), "written through the read-only flag");
                Proc.run("sync").ok();
                assertThat(sha256(image)).isNotEqualTo(before);
            } finally {
                Proc.run("umount", mnt.toString()).ok();
            }
        }
    }

    private Path image(String name, String size) throws IOException {
        return DiskImages.blank(dir.resolve(name), size);
    }

    private LoopDevice partitionedDisk() throws IOException {
        Path image = DiskImages.gpt(dir.resolve("gpt.img"), "32M", "8M", "8M");
        return LoopDevice.attach(image, LoopDevice.Options.writable().withPartitions());
    }

    private static Proc.Result writeZeros(Path device) {
        return Proc.run("dd", "if=/dev/zero", "of=" + device, "bs=512", "count=1", "conv=notrunc,fsync");
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
