package dev.exhibit.image.ewf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Damages copies of E01 files the way the reference's negative vectors do: one byte, one section, one field. */
final class Damage {
    private Damage() {}

    static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }

    /** The file offset where chunk {@code k} of the file's first table starts, and whether it is compressed. */
    static long[] chunk(Path file, int k) throws IOException {
        SectionDescriptor t = SectionsOf.first(file, SectionDescriptor.TABLE);
        byte[] b = Files.readAllBytes(file);
        int p = (int) t.fileOffset() + SectionDescriptor.BYTES;
        long base = Bytes.u64(b, p + 8);
        int entry = Bytes.i32(b, p + TableSection.HEADER_BYTES + 4 * k);
        return new long[] {base + TableSection.offsetOf(entry), TableSection.isCompressed(entry) ? 1 : 0};
    }

    /** Rewrites a section descriptor in place (type, next, size), with a valid checksum. */
    static void descriptor(Path file, long offset, String type, long next, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(SectionDescriptor.encode(type, next, size));
        }
    }

    /** Writes {@code bytes} at {@code offset}. */
    static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    /** Cuts the last segment at {@code offset} and ends the set there with a done section. */
    static void endAt(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(offset);
            f.seek(offset);
            f.write(SectionDescriptor.encode(SectionDescriptor.DONE, offset, 0));
        }
    }

    static byte[] read(Path file, long offset, int len) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) offset, (int) offset + len);
    }

    /** Copies a set's files into {@code dir}; returns the copy of the first. */
    static Path copy(java.util.List<Path> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path p : files) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        return dir.resolve(files.getFirst().getFileName());
    }
}
