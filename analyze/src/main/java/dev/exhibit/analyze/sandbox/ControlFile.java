package dev.exhibit.analyze.sandbox;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The memory a worker shares with its supervisor: a small file both map. The worker writes into it as it goes, with
 * plain stores and no system calls: which file system it is in, the directory it is entering, whether it finished or
 * failed and why, and its output buffer with the count of complete records in it. Pages of a shared file mapping
 * outlive the process, so after libtsk kills the worker the supervisor still reads where it died and delivers the
 * records it had completed.
 */
final class ControlFile implements AutoCloseable {
    static final int MAGIC = 0x45585731; // "EXW1"

    static final int RUNNING = 0;
    static final int FINISHED = 1;
    static final int FAILED = 2;

    private static final long OFF_MAGIC = 0;
    private static final long OFF_COMMITTED = 8;
    private static final long OFF_TARGET = 16;
    private static final long OFF_STATE = 20;
    private static final long OFF_EXIT = 24;
    private static final long OFF_TARGET_COUNT = 28;
    private static final long OFF_CRUMB_LENGTH = 32;
    private static final long OFF_CRUMB = 40;
    /** Room for any path libtsk can build (4,095 bytes) plus the name being entered. */
    static final int MAX_CRUMB_BYTES = 8192 - 40;

    private static final long OFF_WHERE_LENGTH = 8192;
    private static final long OFF_WHERE = 8196;
    /** The description of the file system being worked on. */
    static final int MAX_WHERE_BYTES = 9216 - 8196;

    private static final long OFF_MESSAGE_LENGTH = 9216;
    private static final long OFF_MESSAGE = 9220;
    static final int MAX_MESSAGE_BYTES = 16384 - 9220;

    static final long OFF_BUFFER = 16384;
    static final long BUFFER_BYTES = 1 << 20;
    static final long SIZE = OFF_BUFFER + BUFFER_BYTES;

    private final Path path;
    private final Arena arena;
    private final MemorySegment map;

    private ControlFile(Path path, Arena arena, MemorySegment map) {
        this.path = path;
        this.arena = arena;
        this.map = map;
    }

    /** A new control file in memory-backed storage when there is some ({@code /dev/shm}), else the temp dir. */
    static ControlFile create() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path dir =
                Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = Files.createTempFile(dir, "exhibit-worker-", ".ctl");
        ControlFile c = open(file);
        c.map.fill((byte) 0);
        c.map.set(ValueLayout.JAVA_INT, OFF_MAGIC, MAGIC);
        c.map.set(ValueLayout.JAVA_INT, OFF_TARGET, -1);
        return c;
    }

    static ControlFile open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() < SIZE) {
                ch.truncate(SIZE);
                ch.position(SIZE - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
            return new ControlFile(file, arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    boolean valid() {
        return map.get(ValueLayout.JAVA_INT, OFF_MAGIC) == MAGIC;
    }

    /** The worker's output buffer. */
    MemorySegment buffer() {
        return map.asSlice(OFF_BUFFER, BUFFER_BYTES);
    }

    void committed(long bytes) {
        map.set(ValueLayout.JAVA_LONG, OFF_COMMITTED, bytes);
    }

    long committed() {
        return Math.max(0, Math.min(BUFFER_BYTES, map.get(ValueLayout.JAVA_LONG, OFF_COMMITTED)));
    }

    /** The complete records the worker had not written out yet. */
    byte[] pendingRecords() {
        return buffer().asSlice(0, committed()).toArray(ValueLayout.JAVA_BYTE);
    }

    void target(int index, String where) {
        byte[] w = where.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(w.length, MAX_WHERE_BYTES);
        MemorySegment.copy(w, 0, map, ValueLayout.JAVA_BYTE, OFF_WHERE, n);
        map.set(ValueLayout.JAVA_INT, OFF_WHERE_LENGTH, n);
        map.set(ValueLayout.JAVA_INT, OFF_TARGET, index);
        crumb(new byte[0]);
    }

    /** How many file systems the command covers (0 until the worker has read the partition table). */
    void targetCount(int count) {
        map.set(ValueLayout.JAVA_INT, OFF_TARGET_COUNT, count);
    }

    int targetCount() {
        return map.get(ValueLayout.JAVA_INT, OFF_TARGET_COUNT);
    }

    /** What {@link #target()} is, in words ({@code partition 2 (sector 2048, ...)}). */
    String where() {
        int n = Math.max(0, Math.min(MAX_WHERE_BYTES, map.get(ValueLayout.JAVA_INT, OFF_WHERE_LENGTH)));
        return new String(map.asSlice(OFF_WHERE, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    int target() {
        return map.get(ValueLayout.JAVA_INT, OFF_TARGET);
    }

    /** The directory being entered, as raw bytes (cut to {@link #MAX_CRUMB_BYTES}). */
    void crumb(byte[] path) {
        int n = Math.min(path.length, MAX_CRUMB_BYTES);
        MemorySegment.copy(path, 0, map, ValueLayout.JAVA_BYTE, OFF_CRUMB, n);
        map.set(ValueLayout.JAVA_INT, OFF_CRUMB_LENGTH, n);
    }

    byte[] crumb() {
        int n = Math.max(0, Math.min(MAX_CRUMB_BYTES, map.get(ValueLayout.JAVA_INT, OFF_CRUMB_LENGTH)));
        return map.asSlice(OFF_CRUMB, n).toArray(ValueLayout.JAVA_BYTE);
    }

    void finished() {
        map.set(ValueLayout.JAVA_INT, OFF_STATE, FINISHED);
    }

    void failed(int exitStatus, String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(m.length, MAX_MESSAGE_BYTES);
        MemorySegment.copy(Arrays.copyOf(m, n), 0, map, ValueLayout.JAVA_BYTE, OFF_MESSAGE, n);
        map.set(ValueLayout.JAVA_INT, OFF_MESSAGE_LENGTH, n);
        map.set(ValueLayout.JAVA_INT, OFF_EXIT, exitStatus);
        map.set(ValueLayout.JAVA_INT, OFF_STATE, FAILED);
    }

    int state() {
        return map.get(ValueLayout.JAVA_INT, OFF_STATE);
    }

    int exitStatus() {
        return map.get(ValueLayout.JAVA_INT, OFF_EXIT);
    }

    String message() {
        int n = Math.max(0, Math.min(MAX_MESSAGE_BYTES, map.get(ValueLayout.JAVA_INT, OFF_MESSAGE_LENGTH)));
        return new String(map.asSlice(OFF_MESSAGE, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Unmaps and deletes the file (the supervisor, once it has read it). */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }
}
