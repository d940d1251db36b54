package dev.exhibit.analyze.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * A stream's media type from its content, and whether its name's extension contradicts it. Apache Tika's core
 * (tika-core alone: its MIME database of some 1,500 types with magic patterns and file-name globs, no parsers, about
 * 1.5 MB with its two dependencies) is a well-kept library that does exactly this; libmagic would need native code
 * in the worker, and the Java alternatives are unmaintained (docs/analyze.md). The content is judged first and alone,
 * as Autopsy does: the name never decides the type, it is only compared with it.
 *
 * <p>The rule for {@code extensionMismatch}: types are of one family when one is the other or a specialisation of it
 * in Tika's hierarchy ({@code text/html} is a {@code text/plain}, an OOXML document a {@code application/zip};
 * {@code application/octet-stream}, everyone's ancestor, joins no family). The name contradicts the content when its
 * extension is one Tika knows for a type of another family ({@code photo.dat} holding a JPEG: {@code .dat} names no
 * type but the content is one; {@code report.pdf} holding HTML), or when Tika recognises the extension's type by its
 * magic bytes and found none of them ({@code random.jpg}). A name without an extension, an extension Tika does not
 * know on unrecognised or plain-text content, and an empty stream contradict nothing.
 */
public final class MediaTypes {
    /**
     * @param mediaType Tika's type for the content ({@code application/octet-stream}: not recognised)
     * @param extensionType the type Tika gives the name's extension, or {@code null} (no extension, or unknown)
     * @param extensionMismatch whether the extension contradicts the content, by the rule above
     */
    public record Detection(String mediaType, String extensionType, boolean extensionMismatch) {}

    /** Longest extension considered; longer text after the last dot is part of the name. */
    private static final int MAX_EXTENSION_BYTES = 16;

    private final MimeTypes types;
    private final MediaTypeRegistry registry;

    private MediaTypes(MimeTypes types) {
        this.types = types;
        this.registry = types.getMediaTypeRegistry();
    }

    private static final class Holder {
        static final MediaTypes DEFAULT = new MediaTypes(MimeTypes.getDefaultMimeTypes());
    }

    /** Tika's own database, loaded once (about half a second) and shared: detection is thread-safe. */
    public static MediaTypes load() {
        return Holder.DEFAULT;
    }

    /** How many bytes at the start of a stream the magic patterns look at: Tika's own figure (64 KiB). */
    public int headBytes() {
        return types.getMinLength();
    }

    /**
     * @param head the first bytes of the stream, {@code length} of them (all of it when shorter than {@link
     *     #headBytes()})
     * @param name the stream's name (a named stream's own name, else the file's), raw bytes
     */
    public Detection detect(byte[] head, int length, byte[] name) {
        MediaType content;
        try {
            content = registry.normalize(types.detect(new ByteArrayInputStream(head, 0, length), new Metadata()))
                    .getBaseType();
        } catch (IOException e) {
            // a byte array cannot fail to read
            throw new UncheckedIOException(e);
        }
        String extension = extension(name);
        MediaType named = extension == null ? null : byName(extension);
        boolean mismatch = length > 0 && extension != null && contradicts(content, named);
        return new Detection(content.toString(), named == null ? null : named.toString(), mismatch);
    }

    private boolean contradicts(MediaType content, MediaType named) {
        boolean unknownContent = content.equals(MediaType.OCTET_STREAM);
        if (named == null) {
            return !unknownContent && !content.equals(MediaType.TEXT_PLAIN);
        }
        if (unknownContent) {
            return hasMagic(named);
        }
        return !family(content, named);
    }

    private boolean family(MediaType a, MediaType b) {
        return registry.isInstanceOf(a, b) || registry.isInstanceOf(b, a);
    }

    private boolean hasMagic(MediaType t) {
        try {
            return types.forName(t.toString()).hasMagic();
        } catch (MimeTypeException e) {
            return false;
        }
    }

    /** The type Tika's globs give {@code x.EXTENSION}, or {@code null} when none does. */
    private MediaType byName(String extension) {
        Metadata m = new Metadata();
        m.set(TikaCoreProperties.RESOURCE_NAME_KEY, "x." + extension);
        try {
            MediaType t = registry.normalize(types.detect(null, m)).getBaseType();
            return t.equals(MediaType.OCTET_STREAM) ? null : t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text after the name's last dot: ASCII letters, digits, {@code _ - +} only, at most {@link
     * #MAX_EXTENSION_BYTES}; {@code null} when there is none ({@code .bashrc}, {@code README}, {@code a.b c}).
     */
    static String extension(byte[] name) {
        int dot = -1;
        for (int i = name.length - 1; i > 0; i--) {
            if (name[i] == '.') {
                dot = i;
                break;
            }
        }
        int n = name.length - dot - 1;
        if (dot < 0 || n == 0 || n > MAX_EXTENSION_BYTES) {
            return null;
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = dot + 1; i < name.length; i++) {
            int c = name[i] & 0xFF;
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '_'
                    || c == '-'
                    || c == '+';
            if (!ok) {
                return null;
            }
            b.append((char) c);
        }
        return b.toString();
    }
}
