package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the segment files of a set from its first one: {@code NAME.E01}, then {@code NAME.E02}... in the same letter
 * case, up to the first that does not exist. Files of the set beyond a gap are reported, not read.
 */
final class SetFiles {
    private SetFiles() {}

    static List<Path> discover(Path first, Findings findings) throws IOException {
        Path name = first.getFileName();
        String file = name == null ? "" : name.toString();
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        int number = SegmentNames.number(ext);
        if (number == 0) {
            throw findings.fatal(first, null, 0, "not an E01 segment name (expected NAME.E01)");
        }
        if (number != 1) {
            throw findings.fatal(first, null, 0, "is segment " + number + " of its set; open the .E01 file");
        }
        if (!Files.isRegularFile(first)) {
            throw new IOException(first + ": no such file");
        }
        boolean lower = Character.isLowerCase(ext.charAt(0));
        Path dir = first.toAbsolutePath().getParent();
        String stem = file.substring(0, dot + 1);
        List<Path> out = new ArrayList<>();
        out.add(first);
        for (int n = 2; n <= SegmentNames.MAX_SEGMENTS; n++) {
            Path next = first.resolveSibling(stem + caseOf(SegmentNames.extension(n), lower));
            if (!Files.isRegularFile(next)) {
                break;
            }
            out.add(next);
        }
        reportBeyondGap(dir, stem, out.size(), findings);
        return List.copyOf(out);
    }

    private static String caseOf(String extension, boolean lower) {
        return lower ? extension.toLowerCase(Locale.ROOT) : extension;
    }

    private static void reportBeyondGap(Path dir, String stem, int found, Findings findings) throws IOException {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(stem)) {
                    int n = SegmentNames.number(f.substring(stem.length()));
                    // image.txt is 'segment' TXT by the naming scheme: letters count only after E99, files only
                    // when they are EWF files.
                    if (n > found + 1
                            && (n <= SegmentNames.NUMBERED || found >= SegmentNames.NUMBERED)
                            && WriterRecovery.isSegmentFile(p)) {
                        findings.error(
                                p,
                                null,
                                -1,
                                "belongs to the set by its name, but segment " + SegmentNames.extension(found + 1)
                                        + " before it is missing");
                    }
                }
            }
        }
    }
}
