package dev.exhibit.analyze.img;

import dev.exhibit.analyze.tsk.Calls;

/**
 * The container format libtsk detected ({@code TSK_IMG_TYPE_ENUM}), with libtsk's own short name ({@code raw},
 * {@code ewf}, {@code vmdk}, {@code vhd}, {@code aff}...) and description.
 *
 * @param code the {@code TSK_IMG_TYPE_ENUM} value
 */
public record ImageFormat(int code, String name, String description) {
    /** {@code TSK_IMG_TYPE_DETECT}: let libtsk decide. */
    static final int DETECT = 0;

    private static final int RAW = 0x1;

    static ImageFormat of(int code) {
        String name = Calls.imgTypeName(code);
        String description = Calls.imgTypeDescription(code);
        return new ImageFormat(
                code,
                name == null ? "unknown-0x" + Integer.toHexString(code) : name,
                description == null ? "" : description);
    }

    public boolean isRaw() {
        return code == RAW;
    }
}
