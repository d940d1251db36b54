package dev.exhibit.analyze.tsk;

import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.output.ByteOut;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;

/** A body file of an image, in a JVM of its own (TimeZoneTest starts it under another TZ). */
public final class BodyfileMain {
    private BodyfileMain() {}

    public static void main(String[] args) throws Exception {
        try (ByteOut out = ByteOut.to(new FileOutputStream(FileDescriptor.out).getChannel())) {
            FileListing.run(
                    new FileListing.Request(Path.of(args[0]), Selection.ALL, FileListing.Format.BODYFILE),
                    out,
                    FileListing.Progress.NONE,
                    Diagnostics.ignored());
        }
    }
}
