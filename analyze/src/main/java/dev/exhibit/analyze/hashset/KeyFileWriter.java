package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.digest.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a {@link KeyFile} from keys given in ascending order, dropping repeats. The prefix table's size follows the
 * final count, which is known only at the end, so keys are counted per 2^20 fine prefixes as they pass (4 MiB) and the
 * table is summed from those.
 */
final class KeyFileWriter implements AutoCloseable {
    private static final int FINE_BITS = KeyFile.MAX_PREFIX_BITS;

    /** What was written: the distinct keys and the SHA-256 of the file, as read back from disk. */
    record Written(HashAlgorithm algorithm, long count, Path file, String sha256) {}

    private final Path file;
    private final HashAlgorithm algorithm;
    private final int width;
    private final FileChannel channel;
    private final OutputStream out;
    private final int[] fine = new int[1 << FINE_BITS];
    private final byte[] previous;
    private long count;

    KeyFileWriter(Path file, HashAlgorithm algorithm) throws IOException {
        this.file = file;
        this.algorithm = algorithm;
        this.width = Digests.widthBytes(algorithm);
        this.previous = new byte[width];
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.position(KeyFile.HEADER_BYTES);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
    }

    /** Appends {@code key} unless it equals the key before; keys must come in ascending order. */
    void add(byte[] key) throws IOException {
        if (count > 0) {
            int c = Arrays.compareUnsigned(previous, 0, width, key, 0, width);
            if (c == 0) {
                return;
            }
            if (c > 0) {
                throw new IllegalStateException("keys out of order for " + file + " after key " + count);
            }
        }
        System.arraycopy(key, 0, previous, 0, width);
        out.write(key, 0, width);
        fine[(key[0] & 0xFF) << 12 | (key[1] & 0xFF) << 4 | (key[2] & 0xFF) >>> 4]++;
        count++;
    }

    /** Writes the table and the header, flushes to disk, and hashes the file as written. */
    Written finish() throws IOException {
        int bits = prefixBits(count);
        ByteBuffer entry = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        int group = 1 << (FINE_BITS - bits);
        for (int p = 0; p <= 1 << bits; p++) {
            entry.clear();
            out.write(entry.putLong(sum).array());
            for (int f = p * group; f < (p + 1) * group && f < fine.length; f++) {
                sum += fine[f];
            }
        }
        out.flush();
        ByteBuffer header = ByteBuffer.allocate(KeyFile.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(KeyFile.MAGIC);
        header.put(Arrays.copyOf(algorithm.id().getBytes(StandardCharsets.US_ASCII), 8));
        header.putInt(width).putInt(bits).putLong(count);
        header.clear();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force(true);
        channel.close();
        return new Written(algorithm, count, file, Sha256.ofFile(file));
    }

    /** A table of about one entry per 8 to 16 keys, at most {@link KeyFile#MAX_PREFIX_BITS} bits. */
    static int prefixBits(long count) {
        int log2 = 63 - Long.numberOfLeadingZeros(Math.max(1, count));
        return Math.clamp(log2 - 3, 0, KeyFile.MAX_PREFIX_BITS);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
