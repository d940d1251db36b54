package dev.exhibit.analyze.fs;

import dev.exhibit.core.ExhibitException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metadata address as The Sleuth Kit's tools take it: {@code N}, {@code N-TYPE} or {@code N-TYPE-ID}
 * ({@code 64-128-4}: MFT entry 64, attribute type 128 ($DATA), attribute id 4). N is unsigned 64-bit.
 *
 * @param inode the metadata address (unsigned)
 * @param attributeType the attribute type, or {@code null} for the file's default content
 * @param attributeId the attribute id (unsigned 16-bit), or {@code null} for the first attribute of the type
 */
public record InodeAddress(long inode, Integer attributeType, Integer attributeId) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,20})(?:-(\\d{1,10})(?:-(\\d{1,5}))?)?");

    public static InodeAddress parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw ExhibitException.usage("inode '" + text + "' is not N, N-TYPE or N-TYPE-ID (such as 12 or 64-128-4)");
        }
        try {
            long inode = Long.parseUnsignedLong(m.group(1));
            Integer type = m.group(2) == null ? null : Integer.parseUnsignedInt(m.group(2));
            Integer id = m.group(3) == null ? null : Integer.parseInt(m.group(3));
            if (id != null && id > 0xFFFF) {
                throw ExhibitException.usage("attribute id " + id + " in '" + text + "' exceeds 65535");
            }
            return new InodeAddress(inode, type, id);
        } catch (NumberFormatException e) {
            throw ExhibitException.usage("inode '" + text + "' is out of range");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(Long.toUnsignedString(inode));
        if (attributeType != null) {
            b.append('-').append(Integer.toUnsignedString(attributeType));
            if (attributeId != null) {
                b.append('-').append(attributeId);
            }
        }
        return b.toString();
    }
}
