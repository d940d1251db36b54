package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Walks every section of every segment of a set, checking each descriptor (checksum, next = offset + size, inside the
 * file, forward only) and handing the payloads to {@link SetContents}. Liberal in what it reads: FTK's base-0 tables,
 * {@code disk} for {@code volume}, header-only images, {@code done} of size 0 or 76, digest and hash before data, and
 * unknown sections (skipped, with a warning).
 */
final class SetParser {
    private final Findings findings;
    private final SegmentChannels channels;

    SetParser(Findings findings, SegmentChannels channels) {
        this.findings = findings;
        this.channels = channels;
    }

    /** The parsed set; EwfFormatException (also recorded in the findings) when it cannot be read at all. */
    SetContents parse(Path first) throws IOException {
        List<Path> segments = SetFiles.discover(first, findings);
        SetContents set = new SetContents(segments, findings, channels);
        for (int i = 0; i < segments.size(); i++) {
            walk(set, i);
        }
        set.finish();
        return set;
    }

    private void walk(SetContents set, int index) throws IOException {
        Path file = set.segments().get(index);
        boolean last = index == set.segments().size() - 1;
        long size = Files.size(file);
        if (size < FileHeader.BYTES) {
            throw findings.fatal(file, null, 0, "file is " + size + " bytes, too short for a segment file");
        }
        byte[] header = channels.read(file, null, 0, FileHeader.BYTES);
        String problem = FileHeader.problem(header);
        if (problem != null) {
            throw findings.fatal(file, null, 0, problem);
        }
        int number = FileHeader.number(header);
        if (number != index + 1) {
            throw findings.fatal(
                    file,
                    null,
                    9,
                    "file header says segment " + number + ", expected " + (index + 1)
                            + " from its name (renamed or swapped files?)");
        }
        long pos = FileHeader.BYTES;
        while (true) {
            if (size - pos < SectionDescriptor.BYTES) {
                throw findings.fatal(
                        file,
                        null,
                        pos,
                        "file ends at byte " + size + " where a section descriptor should start (truncated segment?)");
            }
            byte[] raw = channels.read(file, null, pos, SectionDescriptor.BYTES);
            if (!SectionDescriptor.checksumMatches(raw)) {
                throw findings.fatal(file, SectionDescriptor.typeOf(raw), pos, "section descriptor checksum mismatch");
            }
            SectionDescriptor d = SectionDescriptor.parse(file, pos, raw);
            if (d.isTerminator()) {
                terminate(set, file, d, last, index);
                return;
            }
            long end = sectionEnd(file, d, size);
            set.section(index, d, end - pos - SectionDescriptor.BYTES);
            pos = end;
        }
    }

    private long sectionEnd(Path file, SectionDescriptor d, long fileSize) throws EwfFormatException {
        long pos = d.fileOffset();
        long end;
        if (d.sizeBytes() == 0 && d.type().equals(SectionDescriptor.SECTORS)) {
            end = d.next(); // tolerated: libewf reads such files
        } else if (d.sizeBytes() < SectionDescriptor.BYTES) {
            throw findings.fatal(file, d.type(), pos, "size " + d.sizeBytes() + " is smaller than its descriptor");
        } else {
            try {
                end = d.end();
            } catch (ArithmeticException e) {
                throw findings.fatal(file, d.type(), pos, "size " + d.sizeBytes() + " overflows");
            }
            if (d.next() != end) {
                throw findings.fatal(
                        file, d.type(), pos, "next section offset " + d.next() + " differs from offset + size " + end);
            }
        }
        if (end <= pos + SectionDescriptor.BYTES - 1 || end > fileSize) {
            throw findings.fatal(
                    file,
                    d.type(),
                    pos,
                    "section ends at byte " + end + ", outside the file (" + fileSize
                            + " bytes) or before its own descriptor ends");
        }
        return end;
    }

    private void terminate(SetContents set, Path file, SectionDescriptor d, boolean last, int index)
            throws EwfFormatException {
        if (d.next() != d.fileOffset() && d.next() != 0) {
            findings.warning(file, d.type(), d.fileOffset(), "points to byte " + d.next() + " instead of itself");
        }
        if (d.type().equals(SectionDescriptor.DONE)) {
            if (!last) {
                throw findings.fatal(
                        file,
                        d.type(),
                        d.fileOffset(),
                        "the set ends here, yet "
                                + set.segments().get(index + 1).getFileName() + " follows");
            }
            set.done();
        } else if (last) {
            throw findings.fatal(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "the set continues in segment " + SegmentNames.extension(index + 2) + ", which is missing");
        }
    }
}
