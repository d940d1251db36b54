package dev.exhibit.analyze;

import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.content.MediaTypes;
import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.content.StreamDigester;
import dev.exhibit.analyze.content.StreamRef;
import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.fs.StreamReader;
import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.ContentSlot;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.tsk.Upcalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reads the content of a listing's data streams on several threads while the directory walk goes on, and writes the
 * records in the listing's order. Writers format each record into a scratch buffer and mark where its content fields
 * go ({@link ContentSlot}); the record waits, with its stream submitted to the readers, until every record before it
 * is out. At most {@link #WINDOW_PER_THREAD} records per reader wait, so memory does not grow with the number of
 * files; the walk waits when they are all taken (libtsk calls back with no lock held).
 *
 * <p>Each reader thread has its own {@link StreamReader} (its own {@code TSK_FS_FILE}s and callback stub) and
 * {@link StreamDigester}. Unreadable runs are reported as problems, in order, with the stream's path.
 */
final class ContentPipeline implements ContentSlot, AutoCloseable {
    /** Records that may wait per reader thread: enough to keep every reader busy behind one large file. */
    static final int WINDOW_PER_THREAD = 256;

    private static final CompletableFuture<StreamContent> NOTHING = CompletableFuture.completedFuture(null);

    /**
     * A record held for its content: its bytes, where the content goes, and how; the stream's path in the image
     * (raw bytes, {@code :STREAM} appended), shown only if part of it cannot be read.
     */
    private record Pending(
            byte[] record,
            int mark,
            Format format,
            CompletableFuture<StreamContent> content,
            byte[] where,
            boolean virtual) {}

    private final FileSystem fs;
    private final ContentOptions options;
    private final MediaTypes types;
    private final ByteOut out;
    private final Diagnostics diagnostics;
    private final String place;
    private final ByteArrayOutputStream spill = new ByteArrayOutputStream();
    private final ByteOut scratch = ByteOut.to(Channels.newChannel(spill));
    private final ExecutorService readers;
    private final Queue<Reader> opened = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Reader> reader = ThreadLocal.withInitial(this::newReader);
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final HashSetHits hits;
    private final int window;
    private int mark = -1;
    private Format format;
    private CompletableFuture<StreamContent> content = NOTHING;
    private byte[] where;
    private boolean virtual;

    /** One thread's reader and digester. */
    private record Reader(StreamReader stream, StreamDigester digester) {}

    /**
     * @param out where the records go, in order
     * @param place the file system, for messages ({@code partition p1 (sector 2048)})
     * @param sets the hash sets each stream is looked up in, or null
     */
    ContentPipeline(
            FileSystem fs, ContentOptions options, ByteOut out, Diagnostics diagnostics, String place, HashSets sets) {
        this.hits = sets == null ? null : new HashSetHits(sets, diagnostics, place);
        this.fs = fs;
        this.place = place;
        this.options = options;
        this.types = options.types() ? MediaTypes.load() : null;
        this.out = out;
        this.diagnostics = diagnostics;
        this.readers = Executors.newFixedThreadPool(
                options.threads(),
                Thread.ofPlatform().name("exhibit-reader-", 0).daemon().factory());
        this.window = WINDOW_PER_THREAD * options.threads();
    }

    /** Where writers format their records. */
    ByteOut scratch() {
        return scratch;
    }

    @Override
    public void mark(Entry e, long attr, Format format) throws IOException {
        mark(e, attr, format, false);
    }

    @Override
    public void markAnyContent(Entry e, long attr, Format format) throws IOException {
        mark(e, attr, format, true);
    }

    private void mark(Entry e, long attr, Format format, boolean any) throws IOException {
        this.mark = position();
        this.format = format;
        StreamRef stream = stream(e, attr, any);
        if (stream != null) {
            this.where = where(e, attr);
            this.virtual = e.metaType() == Entry.META_TYPE_VIRT;
            this.content = CompletableFuture.supplyAsync(() -> read(stream), readers);
        }
    }

    @Override
    public void end() throws IOException {
        scratch.endRecord();
        scratch.flush();
        byte[] record = spill.toByteArray();
        spill.reset();
        waiting.add(new Pending(record, mark < 0 ? record.length : mark, format, content, where, virtual));
        mark = -1;
        virtual = false;
        format = null;
        content = NOTHING;
        where = null;
        drain(waiting.size() > window);
    }

    /** Writes every record that is ready; with {@code wait}, waits for the oldest first. */
    private void drain(boolean wait) throws IOException {
        while (!waiting.isEmpty() && (wait || waiting.peek().content().isDone())) {
            wait = false;
            Pending p = waiting.poll();
            StreamContent c = await(p.content());
            out.write(p.record(), 0, p.mark());
            if (p.format() != null) {
                p.format().write(out, c);
            }
            out.write(p.record(), p.mark(), p.record().length - p.mark());
            out.endRecord();
            if (c != null && hits != null) {
                hits.count(Display.of(p.where()), c);
            }
            if (c != null) {
                for (StreamContent.Unreadable u : c.unreadable()) {
                    String message = "incomplete content of " + Display.of(p.where()) + " in " + place + ": "
                            + u.lengthBytes() + " bytes at byte offset " + u.byteOffset()
                            + " of the stream could not be read (" + u.reason() + "); they are hashed as zeros";
                    // libtsk's virtual files ($FAT1) are its own constructs: one it cannot read is its limit (exFAT's
                    // $FAT1 in 4.11.1), not damage to the evidence
                    if (p.virtual()) {
                        diagnostics.warning(message + " (libtsk's virtual file)");
                    } else {
                        diagnostics.problem(message);
                    }
                }
            }
        }
    }

    /** Writes every record still waiting; the readers then stop. */
    void finish() throws IOException {
        while (!waiting.isEmpty()) {
            drain(true);
        }
        if (hits != null) {
            hits.finish();
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
        try {
            // a reader inside libtsk finishes its stream; its stub must outlive that
            while (!readers.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: closing the readers under a running walk would crash libtsk
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Reader r : opened) {
            r.stream().close();
        }
    }

    /**
     * The data stream a record stands for: a regular file's content, an NTFS {@code $DATA} attribute (named or not,
     * on files and directories), an HFS+ fork; {@code null} for anything else (directories, links, libtsk's virtual
     * files); with {@code any}, the file's default content whatever its type.
     */
    private StreamRef stream(Entry e, long attr, boolean any) {
        if (!e.hasMeta()) {
            return null;
        }
        // the name counts for the media type only
        byte[] name = types == null ? null : e.name();
        if (attr != 0) {
            int type = Attribute.type(attr);
            if (type != Attribute.NTFS_DATA && type != Attribute.HFS_DATA && type != Attribute.HFS_RSRC) {
                return null;
            }
            byte[] stream = Attribute.name(attr);
            boolean named = stream.length > 0 && type == Attribute.NTFS_DATA;
            return new StreamRef(
                    e.nameMetaAddress(),
                    type,
                    Attribute.id(attr),
                    Attribute.size(attr),
                    named && types != null ? stream : name,
                    mayBeReused(e));
        }
        // NTFS content is in $DATA attributes: a record without one has no stream (libtsk: "Attribute 128 not
        // found"); libtsk's virtual files ($MBR, $FAT1) are not the file system's files
        if (!any && (e.metaType() != Entry.META_TYPE_REG || fs.type().isNtfs())) {
            return null;
        }
        return new StreamRef(e.nameMetaAddress(), -1, -1, e.size(), name, mayBeReused(e));
    }

    /** A deleted name or unallocated metadata: the clusters were free for others. */
    private static boolean mayBeReused(Entry e) {
        return e.nameDeleted() || (e.metaFlags() & Entry.META_ALLOC) == 0;
    }

    /** {@code /Documents/notes.md:Zone.Identifier}: the path from the root and the stream's name, raw. */
    private static byte[] where(Entry e, long attr) {
        byte[] stream = attr == 0 || Attribute.type(attr) != Attribute.NTFS_DATA ? new byte[0] : Attribute.name(attr);
        byte[] path = new byte[1 + e.parentLength() + e.nameLength() + (stream.length > 0 ? 1 + stream.length : 0)];
        path[0] = '/';
        e.copyParent(path, 1);
        e.copyName(path, 1 + e.parentLength());
        if (stream.length > 0) {
            path[path.length - stream.length - 1] = ':';
            System.arraycopy(stream, 0, path, path.length - stream.length, stream.length);
        }
        return path;
    }

    private StreamContent read(StreamRef stream) {
        Reader r = reader.get();
        try {
            StreamContent c = r.digester().read(r.stream(), stream);
            return hits == null ? c : hits.lookUp(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reader newReader() {
        Reader r = new Reader(
                new StreamReader(fs),
                new StreamDigester(options.algorithms(), types, fs.blockSizeBytes(), options.byteRuns()));
        opened.add(r);
        return r;
    }

    private int position() {
        return Math.toIntExact(spill.size() + scratch.pending());
    }

    private static StreamContent await(CompletableFuture<StreamContent> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading content");
        } catch (CancellationException e) {
            throw new InterruptedIOException("content reading was cancelled");
        } catch (ExecutionException e) {
            throw Upcalls.rethrow(e.getCause());
        }
    }
}
