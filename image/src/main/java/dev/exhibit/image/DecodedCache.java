package dev.exhibit.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded chunks kept for reads that come back to them (libtsk reads the same metadata blocks again and again), least
 * recently used first out, bounded by their total bytes so that memory stays fixed whatever the image's size.
 * Thread-safe.
 */
public final class DecodedCache {
    /** What readers keep by default: 64 MiB, as many 1 MiB DMG chunks or 64 KiB QCOW2 clusters as fit. */
    public static final long DEFAULT_BYTES = 64L << 20;

    private final long capacityBytes;
    private final Map<Long, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long heldBytes;

    public DecodedCache(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("cache capacity must be positive, not " + capacityBytes + " bytes");
        }
        this.capacityBytes = capacityBytes;
    }

    /** The decoded bytes kept under {@code key}, or null. */
    public synchronized byte[] get(long key) {
        return entries.get(key);
    }

    /** Keeps {@code data} under {@code key}, dropping the least recently used entries beyond the capacity. */
    public synchronized void put(long key, byte[] data) {
        if (data.length > capacityBytes) {
            return;
        }
        byte[] old = entries.put(key, data);
        heldBytes += data.length - (old == null ? 0 : old.length);
        var it = entries.entrySet().iterator();
        while (heldBytes > capacityBytes && it.hasNext()) {
            var eldest = it.next();
            if (eldest.getKey() == key) {
                continue;
            }
            heldBytes -= eldest.getValue().length;
            it.remove();
        }
    }

    /** Bytes held now, never more than the capacity. */
    public synchronized long heldBytes() {
        return heldBytes;
    }
}
