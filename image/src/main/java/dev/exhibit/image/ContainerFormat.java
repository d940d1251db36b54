package dev.exhibit.image;

import dev.exhibit.image.dmg.DmgReader;
import dev.exhibit.image.ewf.EwfReader;
import dev.exhibit.image.qcow2.Qcow2Reader;
import dev.exhibit.image.vdi.VdiReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * The container an image file is, told by its content (signatures at its start and end), never by its name: a
 * {@code .dmg} may be raw bytes, and a renamed E01 is still an E01. The one place Exhibit detects containers.
 */
public enum ContainerFormat {
    RAW("raw", "raw bytes of the media"),
    E01("e01", "Expert Witness (EWF)"),
    DMG("dmg", "Apple UDIF disk image"),
    ENCRYPTED_DMG("encrypted-dmg", "encrypted Apple disk image (encrcdsa/cdsaencr)"),
    SPARSEIMAGE("sparseimage", "Apple sparse image"),
    SPARSEBUNDLE("sparsebundle", "Apple sparse bundle"),
    QCOW2("qcow2", "QEMU copy-on-write v2/v3"),
    QCOW1("qcow", "QEMU copy-on-write v1"),
    VDI("vdi", "VirtualBox disk image"),
    VMDK("vmdk", "VMware virtual disk"),
    VHD("vhd", "Microsoft virtual hard disk"),
    VHDX("vhdx", "Microsoft virtual hard disk v2");

    /** Bytes read at each end of a file to detect its container. */
    public static final int PROBE_BYTES = 512;

    private final String label;
    private final String description;

    ContainerFormat(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Lowercase name as the summary prints it. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether {@link MediaReaders} decodes this container in Java (the others are libtsk's or not read). */
    public boolean readInJava() {
        return this == RAW
                || this == E01
                || this == DMG
                || this == SPARSEIMAGE
                || this == SPARSEBUNDLE
                || this == QCOW2
                || this == VDI;
    }

    /** Detects the container of {@code path} (a directory is a sparse bundle only if its Info.plist says so). */
    public static ContainerFormat detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path plist = path.resolve("Info.plist");
            if (Files.isRegularFile(plist)
                    && Files.readString(plist, StandardCharsets.ISO_8859_1)
                            .contains("com.apple.diskimage.sparsebundle")) {
                return SPARSEBUNDLE;
            }
            return RAW;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] head = read(ch, 0, (int) Math.min(size, PROBE_BYTES));
            byte[] tail = read(ch, Math.max(0, size - PROBE_BYTES), (int) Math.min(size, PROBE_BYTES));
            return detect(head, tail);
        }
    }

    /** Detects from a file's first and last (up to) 512 bytes. */
    public static ContainerFormat detect(byte[] head, byte[] tail) {
        if (EwfReader.startsLikeEwf(head)) {
            return E01;
        }
        if (startsWith(head, 0, "encrcdsa") || endsWith(tail, "cdsaencr")) {
            return ENCRYPTED_DMG;
        }
        if (Qcow2Reader.startsLikeQcow2(head)) {
            int version = ByteBuffer.wrap(head).getInt(4);
            return version == 1 ? QCOW1 : QCOW2;
        }
        if (DmgReader.endsLikeUdif(tail)) {
            return DMG;
        }
        if (startsWith(head, 0, "sprs")) {
            return SPARSEIMAGE;
        }
        if (VdiReader.startsLikeVdi(head)) {
            return VDI;
        }
        if (startsWith(head, 0, "KDMV") || startsWith(head, 0, "# Disk DescriptorFile")) {
            return VMDK;
        }
        if (startsWith(head, 0, "vhdxfile")) {
            return VHDX;
        }
        if (startsWith(tail, tail.length - 512, "conectix") || startsWith(head, 0, "conectix")) {
            return VHD;
        }
        return RAW;
    }

    private static boolean startsWith(byte[] data, int at, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return at >= 0 && data.length >= at + m.length && Arrays.equals(data, at, at + m.length, m, 0, m.length);
    }

    private static boolean endsWith(byte[] data, String magic) {
        return startsWith(data, data.length - magic.length(), magic);
    }

    private static byte[] read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
            // positional reads until full or at the end
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
