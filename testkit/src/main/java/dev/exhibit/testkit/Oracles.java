package dev.exhibit.testkit;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Container decoders made by others, as oracles for Exhibit's readers: 7-Zip's DMG handler ({@code 7zz x -tdmg},
 * Debian's {@code 7zip}) and {@code qemu-img convert -O raw} (Debian's {@code qemu-utils}).
 */
public final class Oracles {
    private Oracles() {}

    /**
     * The raw disk 7-Zip decodes from a DMG: it writes one file per region ({@code 0.MBR}, {@code 1.Primary GPT
     * Header}, ..., {@code 4.hfs}), which concatenated in their numeric order are the disk.
     */
    public static Path sevenZipRaw(Path dmg, Path workDir) {
        Path regions = workDir.resolve("7z-regions");
        Proc.run("7zz", "x", "-tdmg", "-y", "-o" + regions, dmg.toString()).ok();
        Path raw = workDir.resolve(dmg.getFileName() + ".7z.raw");
        try (Stream<Path> files = Files.list(regions);
                var out = Files.newOutputStream(raw)) {
            List<Path> ordered = files.sorted(Comparator.comparingLong(Oracles::leadingNumber))
                    .toList();
            for (Path p : ordered) {
                Files.copy(p, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw;
    }

    /** {@code qemu-img convert -O raw IMAGE}, written into {@code workDir}. */
    public static Path qemuRaw(Path image, Path workDir) {
        Path raw = workDir.resolve(image.getFileName() + ".qemu.raw");
        Proc.run("qemu-img", "convert", "-O", "raw", image.toString(), raw.toString())
                .ok();
        return raw;
    }

    /** Lowercase hex MD5 of a file's bytes. */
    public static String md5(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long leadingNumber(Path p) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        return Long.parseLong(dot < 0 ? name : name.substring(0, dot));
    }
}
