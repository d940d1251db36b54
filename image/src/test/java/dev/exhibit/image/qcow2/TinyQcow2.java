package dev.exhibit.image.qcow2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * A hand-made QCOW2 v3 for cases qemu never writes: 4 KiB clusters, a 16 KiB disk; cluster 0 header, 1 the L1 table,
 * 2 the L2 table, then one compressed cluster (media cluster 0) whose raw deflate stream is given.
 */
final class TinyQcow2 {
    static final int CLUSTER = 4096;

    private TinyQcow2() {}

    static byte[] withCompressedCluster(byte[] plain) {
        byte[] deflated = rawDeflate(plain);
        int sectors = (deflated.length + 511) / 512;
        ByteBuffer f = ByteBuffer.allocate(3 * CLUSTER + sectors * 512);
        f.putInt(0, Qcow2Header.MAGIC).putInt(4, 3).putInt(20, 12).putLong(24, 4L * CLUSTER);
        f.putInt(36, 1).putLong(40, CLUSTER).putInt(96, 4).putInt(100, 104);
        f.putLong(CLUSTER, 2L * CLUSTER);
        int x = 62 - (12 - 8);
        long entry = (1L << 62) | ((long) (sectors - 1) << x) | (3L * CLUSTER);
        f.putLong(2 * CLUSTER, entry);
        f.put(3 * CLUSTER, deflated);
        return f.array();
    }

    static byte[] rawDeflate(byte[] plain) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(plain);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
