package dev.exhibit.acquire.writeblock;

import dev.exhibit.acquire.device.BlockDevice;
import dev.exhibit.core.posix.NativeFd;
import java.io.IOException;

/**
 * The kernel's read-only flag of one block device: BLKROSET sets it (as {@code blockdev --setro} does), BLKROGET and
 * {@code /sys/class/block/NAME/ro} read it. With it set, write(2) to the device fails with EPERM and new read-write
 * mounts are refused; a file system mounted before keeps writing (the kernel only logs "Trying to write to read-only
 * block-device"), which is why the check also refuses mounted devices.
 */
final class ReadOnlyFlag {
    private ReadOnlyFlag() {}

    static boolean get(BlockDevice device) throws IOException {
        try (NativeFd fd = open(device)) {
            return fd.ioctlGetInt(NativeFd.BLKROGET, "BLKROGET") != 0;
        }
    }

    static void set(BlockDevice device, boolean readOnly) throws IOException {
        try (NativeFd fd = open(device)) {
            fd.ioctlSetInt(NativeFd.BLKROSET, readOnly ? 1 : 0, "BLKROSET");
        }
    }

    static boolean sysfs(BlockDevice device) {
        return device.attribute("ro").map("1"::equals).orElse(false);
    }

    /** Read-only and non-blocking: opening never writes, and a drive without media does not make us wait. */
    private static NativeFd open(BlockDevice device) throws IOException {
        return NativeFd.open(device.devNode(), NativeFd.O_RDONLY | NativeFd.O_NONBLOCK);
    }
}
