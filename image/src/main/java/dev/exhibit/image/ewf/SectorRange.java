package dev.exhibit.image.ewf;

/** An error2 entry: a run of unreadable sectors, stored as zeros in the image. Both values are in sectors. */
public record SectorRange(long firstSector, long sectorCount) {
    public SectorRange {
        if (firstSector < 0 || sectorCount <= 0) {
            throw new IllegalArgumentException(
                    "bad sector range: first sector " + firstSector + ", count " + sectorCount);
        }
    }

    /** The sector after the run. */
    public long endSector() {
        return Math.addExact(firstSector, sectorCount);
    }
}
