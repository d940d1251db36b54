package dev.exhibit.analyze;

import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.fs.DirectoryWalk;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.output.BodyfileWriter;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.ContentSlot;
import dev.exhibit.analyze.output.DfxmlWriter;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.output.EntryWriter;
import dev.exhibit.analyze.output.JsonLinesWriter;
import dev.exhibit.analyze.output.TableWriter;
import dev.exhibit.analyze.timeline.Timeline;
import dev.exhibit.analyze.timeline.TimelineLines;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code exhibit analyze files}: every name of every selected file system, streamed entry by entry to the output as
 * JSON Lines or as a body file (the lines of {@code fls -r -m /}, or of {@code tsk_gettimes} when a whole image with
 * partitions is listed). Memory does not grow with the number of files: nothing is collected.
 *
 * <p>With orphans (the default, as fls) libtsk enters {@code $OrphanFiles} where it lists it, last in the root, so the
 * order is fls's and libtsk reuses the names the walk collected instead of walking again. Without orphans the walk
 * passes {@code NOORPHAN} and leaves out the virtual directory itself, saving the scan of every inode or FAT slot
 * that finding orphans costs.
 */
public final class FileListing {
    /** Output formats. */
    public enum Format {
        JSON_LINES,
        BODYFILE,
        /** For people at a terminal: {@link TableWriter}. */
        TABLE,
        /** The timeline's binary records of the body file's lines, for the supervisor to sort: {@link Timeline}. */
        TIMELINE,
        /** hashdeep's format, of the streams an export writes: {@link HashdeepWriter}. */
        HASHDEEP,
        /** Digital Forensics XML as fiwalk writes it: {@link DfxmlWriter}. */
        DFXML
    }

    /**
     * @param deletedOnly only names whose directory entry is unallocated, as {@code fls -d}
     * @param pathGlob only paths (display form) the {@link Glob} matches, or {@code null} for all
     * @param firstTarget index of the first target to list (the sandbox resumes after a crash with the next one)
     * @param content what to read of each data stream: digests, media type ({@link ContentOptions#NONE}: nothing)
     */
    public record Request(
            Path image,
            Selection selection,
            Format format,
            boolean orphans,
            boolean deletedOnly,
            String pathGlob,
            int firstTarget,
            ContentOptions content) {
        /** Every name of the selected file systems, orphans included, in {@code format}. */
        public Request(Path image, Selection selection, Format format) {
            this(image, selection, format, true, false, null, 0, ContentOptions.NONE);
        }

        public Request {
            if (format == Format.HASHDEEP
                    && (content.algorithms().isEmpty() || !HashdeepWriter.COLUMNS.containsAll(content.algorithms()))) {
                throw ExhibitException.usage("hashdeep's format takes md5, sha1 and sha256 digests, not "
                        + (content.algorithms().isEmpty()
                                ? "none"
                                : content.algorithms().stream()
                                        .map(HashAlgorithm::id)
                                        .collect(java.util.stream.Collectors.joining(", "))));
            }
        }

        /** A listing that reads no content. */
        public Request(
                Path image,
                Selection selection,
                Format format,
                boolean orphans,
                boolean deletedOnly,
                String pathGlob,
                int firstTarget) {
            this(image, selection, format, orphans, deletedOnly, pathGlob, firstTarget, ContentOptions.NONE);
        }

        /** The same request, reading {@code what} of each data stream. */
        public Request reading(ContentOptions what) {
            return new Request(image, selection, format, orphans, deletedOnly, pathGlob, firstTarget, what);
        }

        /** The same request, resumed at target {@code first}. */
        public Request from(int first) {
            return new Request(image, selection, format, orphans, deletedOnly, pathGlob, first, content);
        }
    }

    private FileListing() {}

    /**
     * Lists the selected file systems. A file system that cannot be opened is reported as a problem and skipped
     * when a whole image is listed, and is an error when it was selected.
     */
    public static void run(Request request, ByteOut out, Progress progress, Diagnostics diagnostics)
            throws IOException {
        if (request.format() == Format.DFXML) {
            // DFXML says where each file lies
            request = request.reading(request.content().withByteRuns());
        }
        boolean dfxml = request.format() == Format.DFXML;
        try (Image image = Image.open(request.image());
                HashSets sets = request.content().hashSets().any()
                        ? request.content().hashSets().open()
                        : null) {
            image.warnings().forEach(diagnostics::warning);
            List<Target> targets = request.selection().resolve(image);
            progress.targets(targets.size());
            if (request.firstTarget() == 0) {
                heading(request, out);
            }
            long[] ids = {0};
            for (Target target : targets) {
                if (target.index() < request.firstTarget()) {
                    continue;
                }
                progress.target(target);
                FileSystem fs = target.open(image, request.selection().required(targets), diagnostics);
                if (fs == null) {
                    continue;
                }
                try (fs) {
                    if (dfxml) {
                        DfxmlWriter.volume(out, fs);
                    }
                    walk(fs, target, request, out, progress, diagnostics, ids, sets);
                    if (dfxml) {
                        DfxmlWriter.endVolume(out);
                    }
                }
                out.flush();
            }
            if (dfxml) {
                DfxmlWriter.end(out);
            }
        }
    }

    /** What a form writes before the records: the table's column names, hashdeep's header, DFXML's prologue. */
    private static void heading(Request request, ByteOut out) throws IOException {
        switch (request.format()) {
            case TABLE -> out.ascii(TableWriter.heading(request.content()));
            case HASHDEEP ->
                out.write(HashdeepWriter.header(request.content().algorithms(), request.image())
                        .getBytes(StandardCharsets.UTF_8));
            case DFXML ->
                DfxmlWriter.begin(
                        out,
                        Invocation.of("exhibit", List.of()).version(),
                        Instant.now(),
                        request.image().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            default -> {
                return;
            }
        }
        out.endRecord();
    }

    private static void walk(
            FileSystem fs,
            Target target,
            Request request,
            ByteOut out,
            Progress progress,
            Diagnostics diagnostics,
            long[] ids,
            HashSets sets)
            throws IOException {
        if (!request.content().any()) {
            walk(fs, target, request, out, ContentSlot.direct(out), progress, ids);
            return;
        }
        try (ContentPipeline content =
                new ContentPipeline(fs, request.content(), out, diagnostics, target.describe(), sets)) {
            walk(fs, target, request, content.scratch(), content, progress, ids);
            content.finish();
        }
    }

    private static void walk(
            FileSystem fs, Target target, Request request, ByteOut out, ContentSlot slot, Progress progress, long[] ids)
            throws IOException {
        EntryWriter writer = switch (request.format()) {
            case BODYFILE -> new BodyfileWriter(out, fs.type().isNtfs(), slot);
            case JSON_LINES -> new JsonLinesWriter(out, target.partitionName(), fs.type(), slot);
            case TABLE -> new TableWriter(out, target.partitionName(), fs.type(), request.content(), slot);
            case HASHDEEP ->
                new HashdeepWriter(
                        out, fs, target.partitionName(), request.content().algorithms(), slot);
            case DFXML -> new DfxmlWriter(out, fs, target.index() + 1, ids, slot);
            case TIMELINE ->
                new TimelineLines(out, target.partitionName(), fs.type().isNtfs());
        };
        byte[] prefix = target.prefix().getBytes(StandardCharsets.US_ASCII);
        long orphanDir = fs.lastInode();
        boolean orphans = request.orphans();
        Glob glob = request.pathGlob() == null ? null : Glob.parse(request.pathGlob());
        // deleted only: fls -d's walk, which enters every directory but calls back for unallocated names alone
        int flags = (request.deletedOnly() ? 0 : DirectoryWalk.ALLOC) | DirectoryWalk.UNALLOC | DirectoryWalk.RECURSE;
        if (!orphans) {
            flags |= DirectoryWalk.NOORPHAN;
        }
        DirectoryWalk.walk(fs, fs.rootInode(), flags, e -> {
            if (!orphans && isOrphanDirectory(e, orphanDir)) {
                return true;
            }
            if (glob == null || glob.matches(displayPath(e))) {
                writer.write(e, prefix);
            }
            if (isDirectory(e)) {
                progress.directory(e);
            }
            return true;
        });
    }

    /** {@code /Documents/notes.md}: the entry's path from the root in its display form, as {@link Glob} sees it. */
    static String displayPath(Entry e) {
        byte[] path = new byte[1 + e.parentLength() + e.nameLength()];
        path[0] = '/';
        e.copyParent(path, 1);
        e.copyName(path, 1 + e.parentLength());
        return Display.of(path);
    }

    /** The virtual {@code $OrphanFiles} directory libtsk adds to the root at the last metadata address. */
    static boolean isOrphanDirectory(Entry e, long orphanDir) {
        return e.nameType() == Entry.NAME_TYPE_VIRT_DIR && e.nameMetaAddress() == orphanDir && e.parentLength() == 0;
    }

    static boolean isDirectory(Entry e) {
        return e.nameType() == Entry.NAME_TYPE_DIR || (e.hasMeta() && e.metaType() == Entry.META_TYPE_DIR);
    }

    /** Where a listing is; the sandbox records it so that a crash inside libtsk can be located and resumed after. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void targets(int count) {}

            @Override
            public void target(Target target) {}

            @Override
            public void directory(Entry directory) {}
        };

        /** How many file systems the command will go through. */
        void targets(int count);

        /** A file system is about to be opened and walked. */
        void target(Target target);

        /** The walk just listed a directory, which libtsk enters next. */
        void directory(Entry directory);
    }
}
