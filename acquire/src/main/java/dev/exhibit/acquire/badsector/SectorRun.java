package dev.exhibit.acquire.badsector;

/**
 * Consecutive sectors: sectors firstSector to firstSector + sectorCount - 1, in units of one sector size.
 *
 * @param firstSector number of the first sector
 * @param sectorCount how many sectors, positive
 */
public record SectorRun(long firstSector, long sectorCount) {
    public SectorRun {
        if (firstSector < 0 || sectorCount <= 0) {
            throw new IllegalArgumentException("sector run from " + firstSector + " of " + sectorCount
                    + " sectors: first must not be negative and count must be positive");
        }
    }

    /** The last sector of the run (inclusive). */
    public long lastSector() {
        return firstSector + sectorCount - 1;
    }

    public long byteOffset(int sectorBytes) {
        return Math.multiplyExact(firstSector, (long) sectorBytes);
    }

    public long lengthBytes(int sectorBytes) {
        return Math.multiplyExact(sectorCount, (long) sectorBytes);
    }
}
