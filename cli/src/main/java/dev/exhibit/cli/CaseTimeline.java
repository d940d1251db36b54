package dev.exhibit.cli;

import dev.exhibit.analyze.timeline.Timeline;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.index.CaseDatabase;
import dev.exhibit.index.DatabaseUrl;
import dev.exhibit.index.EventRow;
import dev.exhibit.index.FileQuery;
import dev.exhibit.index.Search;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import picocli.CommandLine;

/**
 * {@code exhibit timeline CASE}: the timeline of every item of an indexed case, read from its database in time order
 * (docs/case-database.md). The columns are the timeline's, with the evidence item where an image timeline names the
 * image; JSON Lines are the lines of each item's {@code timeline.jsonl} byte for byte, with {@code item} first.
 */
final class CaseTimeline {
    private CaseTimeline() {}

    static int write(
            CommandLine.Model.CommandSpec spec,
            Path caseDir,
            String db,
            Timeline.Format format,
            Instant from,
            Instant to,
            Path out)
            throws IOException {
        FileQuery q = new FileQuery(null, null, null, null, null, null, false, false, false, null, from, to);
        DatabaseUrl url = SearchCommand.database(caseDir, db);
        spec.commandLine().getOut().flush();
        try (CaseDatabase database = CaseDatabase.openExisting(url);
                Writer w = new BufferedWriter(
                        new OutputStreamWriter(
                                out == null ? new NonClosing(Main.stdout().stream()) : create(out),
                                StandardCharsets.UTF_8),
                        1 << 16)) {
            switch (format) {
                case MACTIME -> w.write("Date,Size,Type,Mode,UID,GID,Meta,File Name,Item,Partition\n");
                case CSV -> w.write("time,macb,source,item,partition,inode,state,size,mode,uid,gid,message\n");
                case JSONL -> {}
            }
            long rows = Search.events(database, q, e -> {
                try {
                    w.write(line(format, e));
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            w.flush();
            if (out != null) {
                spec.commandLine().getOut().printf("exhibit: wrote %,d rows from %s to %s%n", rows, url, out);
            }
        } catch (UncheckedIOException e) {
            if (out != null || !"Broken pipe".equals(e.getCause().getMessage())) {
                throw e.getCause();
            }
        }
        return ExitCodes.OK;
    }

    private static String line(Timeline.Format format, EventRow e) {
        return switch (format) {
            case JSONL -> "{\"item\":" + quoteJson(e.item()) + "," + e.record().substring(1) + "\n";
            case MACTIME ->
                String.join(
                                ",",
                                e.time(),
                                number(e.sizeBytes()),
                                e.macb(),
                                nz(e.mode()),
                                number(e.uid()),
                                number(e.gid()),
                                nz(e.inode()),
                                csv(e.message()),
                                csv(e.item()),
                                nz(e.partition()))
                        + "\n";
            case CSV ->
                String.join(
                                ",",
                                e.time(),
                                e.macb(),
                                csv(e.timeSource()),
                                csv(e.item()),
                                nz(e.partition()),
                                nz(e.inode()),
                                nz(e.state()),
                                number(e.sizeBytes()),
                                nz(e.mode()),
                                number(e.uid()),
                                number(e.gid()),
                                csv(e.message()))
                        + "\n";
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String number(Long n) {
        return n == null ? "" : n.toString();
    }

    /** Double-quoted, inner quotes doubled (RFC 4180, as mactime); the text is the display form, one line. */
    private static String csv(String s) {
        return s == null ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String quoteJson(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static java.io.OutputStream create(Path out) throws IOException {
        try {
            return Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw ExhibitException.usage(out + " exists; Exhibit never overwrites a file, give a new name");
        }
    }

    /** Standard output, which the command must not close. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
