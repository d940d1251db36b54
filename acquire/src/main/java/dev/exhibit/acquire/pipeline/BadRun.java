package dev.exhibit.acquire.pipeline;

/**
 * Consecutive unreadable sectors of the source, as the image holds them: filled, and hashed as filled.
 *
 * @param firstSector the first unreadable sector, in units of {@code sectorBytes}
 * @param sectorCount how many consecutive sectors could not be read
 * @param sectorBytes the logical sector size the numbers are in
 * @param error what the last read of these sectors failed with, e.g. {@code EIO: Input/output error}
 * @param retries how many times each sector was read again after its first failure
 */
public record BadRun(long firstSector, long sectorCount, int sectorBytes, String error, int retries) {
    public BadRun {
        if (firstSector < 0 || sectorCount < 1 || sectorBytes < 1) {
            throw new IllegalArgumentException("bad run from sector " + firstSector + " of " + sectorCount
                    + " sectors of " + sectorBytes + " bytes: sector must be >= 0, count and size positive");
        }
    }

    public long endSector() {
        return firstSector + sectorCount;
    }

    public long byteOffset() {
        return Math.multiplyExact(firstSector, (long) sectorBytes);
    }

    public long endByte() {
        return Math.multiplyExact(endSector(), (long) sectorBytes);
    }

    /** Whether {@code next} continues this run with the same error and retries, so both are one range. */
    public boolean joinsWith(BadRun next) {
        return next.firstSector == endSector() && next.error.equals(error) && next.retries == retries;
    }

    public BadRun extendedWith(BadRun next) {
        return new BadRun(firstSector, sectorCount + next.sectorCount, sectorBytes, error, retries);
    }
}
