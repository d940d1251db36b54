package dev.exhibit.index;

/**
 * One timeline event from the database: the facts of mactime's and the CSV's columns, and {@code record}, the line
 * of {@code timeline.jsonl} it was loaded from, byte for byte.
 */
public record EventRow(
        String time,
        String macb,
        String timeSource,
        String item,
        String partition,
        String inode,
        String state,
        Long sizeBytes,
        String mode,
        Long uid,
        Long gid,
        String message,
        String record) {}
