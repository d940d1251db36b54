package dev.exhibit.image.lzfse;

import dev.exhibit.testing.Proc;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Debian's 7-Zip ({@code 7zz}, package 7zip) as the oracle for a DMG's decoded disk. */
final class SevenZip {
    private SevenZip() {}

    /** {@code 7zz x -tdmg}: one file per blkx region, named "N.name"; their concatenation in N order is the disk. */
    static byte[] decodedDisk(Path dmg, Path dir) throws Exception {
        Proc.Result r = Proc.run("7zz", "x", "-tdmg", "-y", "-o" + dir, dmg.toString());
        if (r.exitCode() != 0) {
            throw new AssertionError("7zz x -tdmg " + dmg.getFileName() + " exited " + r.exitCode() + ": "
                    + (r.stdout() + r.stderr())
                            .lines()
                            .filter(l -> l.startsWith("ERROR"))
                            .toList());
        }
        List<Path> regions;
        try (Stream<Path> files = Files.list(dir)) {
            regions = files.sorted(Comparator.comparingInt(SevenZip::index)).toList();
        }
        ByteArrayOutputStream disk = new ByteArrayOutputStream();
        for (Path region : regions) {
            disk.write(Files.readAllBytes(region));
        }
        return disk.toByteArray();
    }

    private static int index(Path region) {
        String name = region.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('.')));
    }
}
