/**
 * What a file's content says, read by the listing while it walks: each data stream's digests, read in parallel
 * threads the way {@code icat} reads it ({@link dev.exhibit.analyze.fs.StreamReader}), with any unreadable run at its
 * byte offset, and its media type found from its first bytes by Apache Tika's magic database ({@link MediaTypes}).
 */
package dev.exhibit.analyze.content;
