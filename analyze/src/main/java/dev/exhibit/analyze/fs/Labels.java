package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.analyze.tsk.Stdio;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Volume labels. libtsk has no label API: its per-type {@code fsstat} operation is the one place that decodes them
 * (FAT boot sector and root entry, exFAT label entry, NTFS $Volume, ISO 9660 volume descriptor, HFS+ root name),
 * so that output is read, as {@code fsstat} prints it. ext2/3/4 labels are read from the superblock instead: they
 * are 16 raw bytes that may hold a newline, which would end fsstat's line early.
 */
final class Labels {
    /** fsstat's label lines, most authoritative first (FAT: the root entry is what Windows shows). */
    private static final List<String> PREFIXES = List.of(
            "Volume Label (Root Directory): ",
            "Volume Label (from root directory): ",
            "Volume Name: ",
            "Volume Label (Boot Sector): ");

    /** ext superblock: 1,024 bytes in; {@code s_volume_name} at 0x78, 16 bytes. */
    private static final long EXT_LABEL_BYTE_OFFSET = 1024 + 0x78;

    private static final int EXT_LABEL_BYTES = 16;

    private Labels() {}

    static byte[] read(FileSystem fs) {
        if (fs.type().isExt()) {
            return ext(fs);
        }
        MemorySegment fsstat =
                Mem.ALL.get(java.lang.foreign.ValueLayout.ADDRESS, fs.segment().address() + Layouts.FS_FSSTAT);
        if (fsstat.address() == 0) {
            return new byte[0];
        }
        byte[] text = Stdio.capture(stream -> !Calls.fsFsstat(fsstat, fs.segment(), stream));
        Calls.errorReset();
        return text == null ? new byte[0] : fromFsstat(text);
    }

    static byte[] fromFsstat(byte[] text) {
        List<byte[]> lines = split(text);
        for (String prefix : PREFIXES) {
            byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
            for (byte[] line : lines) {
                if (line.length >= p.length && Arrays.equals(line, 0, p.length, p, 0, p.length)) {
                    byte[] value = Mem.trimPadding(Arrays.copyOfRange(line, p.length, line.length));
                    if (value.length > 0) {
                        return value;
                    }
                }
            }
        }
        return new byte[0];
    }

    private static byte[] ext(FileSystem fs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(EXT_LABEL_BYTES);
            if (Calls.fsRead(fs.segment(), EXT_LABEL_BYTE_OFFSET, buffer, EXT_LABEL_BYTES) != EXT_LABEL_BYTES) {
                Calls.errorReset();
                return new byte[0];
            }
            byte[] raw = buffer.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            return Arrays.copyOf(raw, end);
        }
    }

    private static List<byte[]> split(byte[] text) {
        List<byte[]> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                out.add(Arrays.copyOfRange(text, start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
