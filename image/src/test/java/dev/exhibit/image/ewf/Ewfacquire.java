package dev.exhibit.image.ewf;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sets made by Debian's ewfacquire (libewf 20140813), the most common third-party writer. */
final class Ewfacquire {
    private Ewfacquire() {}

    /** Acquires {@code media} with {@code -c level} (and {@code -S segment} when not null); returns the .E01. */
    static Path make(Path dir, byte[] media, String level, String segmentSize) throws IOException {
        Files.createDirectories(dir);
        Path raw = dir.resolve("source.raw");
        Files.write(raw, media);
        List<String> cmd = new ArrayList<>(List.of(
                "ewfacquire",
                "-u",
                "-q",
                "-t",
                dir.resolve("acq").toString(),
                "-f",
                "encase6",
                "-c",
                level,
                "-d",
                "sha1",
                "-m",
                "fixed",
                "-M",
                "physical",
                "-b",
                "64",
                "-C",
                "CASE-9",
                "-E",
                "EV-9",
                "-e",
                "Examiner",
                "-D",
                "ewfacquire " + level,
                "-N",
                "notes"));
        if (segmentSize != null) {
            cmd.addAll(List.of("-S", segmentSize));
        }
        cmd.add(raw.toString());
        Proc.run(null, cmd).ok();
        Files.delete(raw);
        return dir.resolve("acq.E01");
    }
}
