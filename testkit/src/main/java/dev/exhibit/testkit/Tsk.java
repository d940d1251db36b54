package dev.exhibit.testkit;

import dev.exhibit.core.digest.Sha256;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Sleuth Kit command-line tools as oracle, always with {@code TZ=UTC} (FAT times go through mktime). Outputs are
 * read as ISO-8859-1, so every char of a name is one raw byte ({@link #bytes} gives them back exactly).
 */
public final class Tsk {
    private static final Pattern MMLS_ROW =
            Pattern.compile("^\\d+:\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(.*)$", Pattern.MULTILINE);
    private static final Pattern FLS_LINE =
            Pattern.compile("^(\\S+) (\\* )?([0-9-]+)(\\(realloc\\))?:\\t(.*)$", Pattern.MULTILINE);
    private static final int BODY_FIELDS_AFTER_NAME = 9;

    private Tsk() {}

    /** One row of {@code mmls}: slot ("Meta", "-------", "000:001" or "002"), sectors, description. */
    public record MmlsRow(String slot, long startSector, long endSector, long lengthSectors, String description) {}

    /** One line of {@code fls -r -p}: the name as raw bytes (ISO-8859-1), the deleted marker and the address. */
    public record FlsEntry(String type, boolean deleted, String address, String path) {}

    public static Proc.Result run(String... command) {
        List<String> full = new ArrayList<>(List.of("env", "TZ=UTC"));
        full.addAll(List.of(command));
        return Proc.run(null, full);
    }

    public static List<MmlsRow> mmls(Path image) {
        Proc.Result r = run("mmls", image.toString()).ok();
        List<MmlsRow> rows = new ArrayList<>();
        Matcher m = MMLS_ROW.matcher(r.stdout());
        while (m.find()) {
            rows.add(new MmlsRow(
                    m.group(1),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)),
                    m.group(5).strip()));
        }
        return rows;
    }

    /** {@code fls -r -p} of the file system at a sector offset, with an explicit type or null to autodetect. */
    public static List<FlsEntry> fls(Path image, long startSector, String fsType) {
        Proc.Result r =
                run(fsArgs("fls", image, startSector, fsType, "-r", "-p")).ok();
        return parseFls(r.stdout());
    }

    public static List<FlsEntry> parseFls(String stdout) {
        List<FlsEntry> out = new ArrayList<>();
        Matcher m = FLS_LINE.matcher(stdout);
        while (m.find()) {
            out.add(new FlsEntry(m.group(1), m.group(2) != null, m.group(3), m.group(5)));
        }
        return out;
    }

    /** The time columns of a body file, counted from its end. */
    public enum BodyTime {
        MTIME(3),
        CRTIME(1);

        final int fromEnd;

        BodyTime(int fromEnd) {
            this.fromEnd = fromEnd;
        }
    }

    /** One time column of {@code fls -r -m /}, by path (raw bytes, no leading '/'); deleted entries omitted. */
    public static Map<String, Long> bodyTimes(Path image, long startSector, String fsType, BodyTime column) {
        Proc.Result r =
                run(fsArgs("fls", image, startSector, fsType, "-r", "-m", "/")).ok();
        Map<String, Long> out = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < BODY_FIELDS_AFTER_NAME + 2) {
                continue;
            }
            // the name may itself hold '|': the fixed fields are counted from the end
            String name = String.join("|", List.of(f).subList(1, f.length - BODY_FIELDS_AFTER_NAME));
            if (name.endsWith(" (deleted)") || name.endsWith(" ($FILE_NAME)")) {
                continue;
            }
            out.put(name.substring(1), Long.parseLong(f[f.length - column.fromEnd]));
        }
        return out;
    }

    /** SHA-256 of what {@code icat} reads for an address ({@code 12} or {@code 64-128-4}). */
    public static String icatSha256(Path image, long startSector, String fsType, String address) {
        Proc.Result r = run(fsArgs("icat", image, startSector, fsType, address)).ok();
        return Sha256.hex(r.stdout().getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Proc.Result fsstat(Path image, long startSector, String fsType) {
        return run(fsArgs("fsstat", image, startSector, fsType));
    }

    public static String[] fsArgs(String tool, Path image, long startSector, String fsType, String... rest) {
        List<String> args = new ArrayList<>(List.of(tool, "-o", Long.toString(startSector)));
        if (fsType != null) {
            args.addAll(List.of("-f", fsType));
        }
        if (rest.length > 0 && !rest[0].startsWith("-")) {
            args.add(image.toString());
            args.addAll(List.of(rest));
        } else {
            args.addAll(List.of(rest));
            args.add(image.toString());
        }
        return args.toArray(String[]::new);
    }

    /** {@code fls -r -m /} of the file system at a sector offset, exactly as fls wrote it. */
    public static byte[] bodyfile(Path image, long startSector, String fsType) {
        return bytes(run(fsArgs("fls", image, startSector, fsType, "-r", "-m", "/"))
                .ok()
                .stdout());
    }

    /** {@code tsk_gettimes}: the body file of every file system of an image, each prefixed {@code volN/}. */
    public static byte[] gettimes(Path image) {
        return bytes(run("tsk_gettimes", image.toString()).ok().stdout());
    }

    /** What {@code icat} writes for an address ({@code 12} or {@code 64-128-4}), with {@code -s} (slack) if asked. */
    public static byte[] icat(Path image, long startSector, String fsType, String address, boolean slack) {
        List<String> args = new ArrayList<>(List.of("icat", "-o", Long.toString(startSector)));
        if (fsType != null) {
            args.addAll(List.of("-f", fsType));
        }
        if (slack) {
            args.add("-s");
        }
        args.add(image.toString());
        args.add(address);
        return bytes(run(args.toArray(String[]::new)).ok().stdout());
    }

    /** The raw bytes of an output read as ISO-8859-1. */
    public static byte[] bytes(String iso88591) {
        return iso88591.getBytes(StandardCharsets.ISO_8859_1);
    }
}
