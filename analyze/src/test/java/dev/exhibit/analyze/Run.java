package dev.exhibit.analyze;

import dev.exhibit.analyze.output.ByteOut;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the commands in this JVM (no sandbox) and captures what they write. */
final class Run {
    private Run() {}

    /** A command's output bytes and the warnings and problems it reported. */
    record Output(byte[] bytes, List<String> warnings, List<String> problems) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Output files(Path image, Selection selection, FileListing.Format format, boolean orphans) {
        return files(new FileListing.Request(image, selection, format, orphans, false, null, 0));
    }

    static Output files(FileListing.Request request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (ByteOut out = ByteOut.to(Channels.newChannel(bytes))) {
            FileListing.run(request, out, FileListing.Progress.NONE, Diagnostics.of(warnings::add, problems::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Output(bytes.toByteArray(), warnings, problems);
    }

    static Output body(Path image, Selection selection) {
        return files(image, selection, FileListing.Format.BODYFILE, true);
    }

    static Output cat(Path image, Selection selection, String path, String inode, boolean slack) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            FileContent.run(
                    new FileContent.Request(
                            image,
                            selection,
                            path,
                            inode == null ? null : dev.exhibit.analyze.fs.InodeAddress.parse(inode),
                            slack),
                    Channels.newChannel(bytes),
                    Diagnostics.of(warnings::add, problems::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Output(bytes.toByteArray(), warnings, problems);
    }

    static Selection sector(long s) {
        return new Selection(null, s);
    }
}
