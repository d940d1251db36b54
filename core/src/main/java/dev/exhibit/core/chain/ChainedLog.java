package dev.exhibit.core.chain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An append-only, hash-chained JSON Lines log. Each line is one record in RFC 8785 canonical form carrying
 * {@code seq} (0 for the first line), {@code prev} (the SHA-256, lowercase hex, of the previous line's exact bytes
 * without its newline; 64 zeros for the first line), {@code time} (UTC) and {@code type}. Any edit, insertion,
 * deletion or reordering of lines then breaks the chain at a line that {@link ChainVerifier} names.
 *
 * <p>Every line is written with one {@code write}; {@link #append(String, ObjectNode, boolean)} with {@code sync}
 * forces it to disk, so a crash leaves a valid prefix plus at most one torn line, which {@link #reopen(Path)} moves
 * aside rather than deleting.
 */
public final class ChainedLog implements Closeable {
    /** Field names the log sets itself; a record body may not use them. */
    public static final Set<String> RESERVED_FIELDS = Set.of("seq", "prev", "time", "type");

    private final Path file;
    private final LogLock lock;
    private final FileChannel channel;
    private final TornTail tornTail;
    private long nextSeq;
    private String prevHash;

    private ChainedLog(Path file, LogLock lock, FileChannel channel, long nextSeq, String prevHash, TornTail tornTail) {
        this.file = file;
        this.lock = lock;
        this.channel = channel;
        this.nextSeq = nextSeq;
        this.prevHash = prevHash;
        this.tornTail = tornTail;
    }

    /**
     * Creates a new log; fails if {@code file} exists, since a log is never overwritten. The log stays locked
     * ({@link LogLock}) until it is closed.
     */
    public static ChainedLog create(Path file) throws IOException {
        FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LogLock lock;
        try {
            lock = LogLock.exclusive(file);
            // the file existed, empty and unlocked, for a moment before the lock: an append that slipped in then
            // would be forked by this log's first line, so such a log is left to that writer
            if (ch.size() != 0) {
                lock.close();
                throw ExhibitException.environment(
                        file + " was written by another process while it was being created (" + ch.size()
                                + " bytes); it is left as that process wrote it",
                        null);
            }
            syncDirectory(file.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new ChainedLog(file, lock, ch, 0, Sha256.ZERO, null);
    }

    /**
     * Reopens an existing log to append to it. It first takes the log's exclusive lock ({@link LogLock}, held until
     * {@link #close()}), so that verifying the chain, cutting off a torn tail and appending happen as one step that no
     * other process can interleave with. The whole chain is verified, and a broken chain is refused: a log is never
     * extended past damage. A torn last line (no newline, left by a crash during a write) is copied to a sibling file
     * {@code <log>.torn-<millis>} and cut off, and reported by {@link #tornTail()} so the caller can log it.
     */
    public static ChainedLog reopen(Path file) throws IOException {
        LogLock lock = LogLock.exclusive(file);
        try {
            TornTail torn = moveTornTailAside(file);
            ChainReport report = ChainVerifier.walk(file, entry -> {});
            if (!report.intact()) {
                ChainReport.Problem first = report.problems().getFirst();
                throw ExhibitException.evidence("cannot append to " + file + ": chain broken at line " + first.line()
                        + ": " + first.message() + "; " + ChainReport.remedy(file));
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new ChainedLog(file, lock, ch, report.records(), report.headHashOrZero(), torn);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Continues a broken chain without rewriting it: under the log's lock, cuts off a torn tail (kept aside), walks the
     * chain, and appends one {@code chain-continued} record chained to the last line as found. The record lists every
     * unacknowledged break ({@code acknowledges}: line, the SHA-256 of that line and of the line before it, and what
     * was wrong) beside the caller's {@code body} (who, why). From then on the chain verifies as continued, never as
     * intact-as-written, and every line stays where it was; a line changed after this is a new break.
     *
     * @return the continuation as {@link ChainVerifier} reads it back
     * @throws ExhibitException (usage) when the chain has no unacknowledged break
     */
    public static ChainReport.Continuation continueAfterBreak(Path file, ObjectNode body) throws IOException {
        try (LogLock lock = LogLock.exclusive(file)) {
            TornTail torn = moveTornTailAside(file);
            ChainReport before = ChainVerifier.walk(file, entry -> {});
            if (before.intact()) {
                throw ExhibitException.usage("the chain of " + file + " has no unacknowledged break ("
                        + before.records() + " records); there is nothing to continue");
            }
            ObjectNode record = Jcs.object();
            record.setAll(body);
            ArrayNode acknowledges = record.putArray("acknowledges");
            for (ChainReport.Problem p : before.problems()) {
                ObjectNode last =
                        acknowledges.isEmpty() ? null : (ObjectNode) acknowledges.get(acknowledges.size() - 1);
                if (last == null || last.path("line").asLong() != p.line()) {
                    last = acknowledges.addObject();
                    last.put("line", p.line());
                    last.put("sha256", p.lineSha256());
                    last.put("previousSha256", p.previousSha256());
                    last.putArray("problems");
                }
                ((ArrayNode) last.get("problems")).add(p.message());
            }
            record.set("tornTail", torn == null ? null : torn.toJson());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ChainedLog log = new ChainedLog(file, lock, ch, before.records(), before.headHashOrZero(), torn);
                log.write(Breaks.CONTINUED, record, true);
            }
            ChainReport after = ChainVerifier.walk(file, entry -> {});
            return after.continuations().getLast();
        }
    }

    /** The torn last line that {@link #reopen(Path)} moved aside, if there was one. */
    public Optional<TornTail> tornTail() {
        return Optional.ofNullable(tornTail);
    }

    /**
     * Appends one record and returns the SHA-256 of its line, the value the next record will carry as {@code prev}.
     *
     * @param sync whether to force the line to stable storage before returning
     */
    public synchronized String append(String type, ObjectNode body, boolean sync) throws IOException {
        if (Breaks.CONTINUED.equals(type)) {
            throw new IllegalArgumentException("record type '" + type + "' is written only by continueAfterBreak");
        }
        return write(type, body, sync);
    }

    private String write(String type, ObjectNode body, boolean sync) throws IOException {
        ObjectNode record = Jcs.object();
        record.put("seq", nextSeq);
        record.put("prev", prevHash);
        record.put("time", Times.utc(Instant.now()));
        record.put("type", type);
        body.fieldNames().forEachRemaining(name -> {
            if (RESERVED_FIELDS.contains(name)) {
                throw new IllegalArgumentException("record field '" + name + "' is reserved by the chained log");
            }
        });
        record.setAll(body);
        byte[] line = Jcs.canonicalBytes(record);
        ByteBuffer buf =
                ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (sync) {
            channel.force(true);
        }
        prevHash = Sha256.hex(line);
        nextSeq++;
        return prevHash;
    }

    /** Forces everything appended so far to stable storage. */
    public synchronized void sync() throws IOException {
        channel.force(true);
    }

    /** The SHA-256 of the last line written, or 64 zeros for an empty log. */
    public synchronized String headHash() {
        return prevHash;
    }

    /** How many records the log holds. */
    public synchronized long records() {
        return nextSeq;
    }

    public Path file() {
        return file;
    }

    /** Forces what was appended to disk, then releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        try (lock) {
            if (channel.isOpen()) {
                channel.force(true);
                channel.close();
            }
        }
    }

    /**
     * Bytes after the last newline, left by a write a crash interrupted.
     *
     * @param savedTo where the bytes were copied before the log was cut back to its last whole line
     * @param byteOffset where in the log the torn bytes started
     */
    public record TornTail(Path savedTo, long byteOffset, long length, String sha256) {
        /** The fields a record that names this torn tail carries. */
        public ObjectNode toJson() {
            ObjectNode t = Jcs.object();
            t.put("savedTo", savedTo.getFileName().toString());
            t.put("byteOffset", byteOffset);
            t.put("lengthBytes", length);
            t.put("sha256", sha256);
            return t;
        }
    }

    private static TornTail moveTornTailAside(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = lastNewlineEnd(ch, size);
            if (keep == size) {
                return null;
            }
            int tornLength = Math.toIntExact(size - keep);
            ByteBuffer tail = ByteBuffer.allocate(tornLength);
            while (tail.hasRemaining() && ch.read(tail, keep + tail.position()) > 0) {}
            byte[] bytes = tail.array();
            Path aside = file.resolveSibling(file.getFileName() + ".torn-" + System.currentTimeMillis());
            Files.write(aside, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            ch.truncate(keep);
            ch.force(true);
            return new TornTail(aside, keep, tornLength, Sha256.hex(bytes));
        }
    }

    /** The length of the log up to and including its last newline. */
    private static long lastNewlineEnd(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1 << 16);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - one.capacity());
            one.clear().limit((int) (end - start));
            while (one.hasRemaining() && ch.read(one, start + one.position()) > 0) {}
            for (int i = one.position() - 1; i >= 0; i--) {
                if (one.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
