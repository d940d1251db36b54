package dev.exhibit.analyze.content;

/**
 * One data stream to read, taken from a listing's entry while the walk is at it (the entry itself is libtsk's and
 * gone by the time a reader runs).
 *
 * @param inode the metadata address, as icat takes it
 * @param type the attribute type ({@code 128} for an NTFS {@code $DATA}), or -1 for the file's default content
 * @param id the attribute id, or -1
 * @param sizeBytes the stream's size as listed
 * @param name the stream's own name for a named stream, else the file's name: the name whose extension counts
 * @param mayBeReused see {@link StreamContent#mayBeReused()}
 */
public record StreamRef(long inode, int type, int id, long sizeBytes, byte[] name, boolean mayBeReused) {}
