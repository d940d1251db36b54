package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.IsoTime;
import java.io.IOException;
import java.util.List;

/**
 * {@code mactime -y -d}'s comma-separated form, column for column ({@code Date,Size,Type,Mode,UID,GID,Meta,File
 * Name}), with the date in UTC to the nanosecond and two columns more at the end, {@code Image} and {@code Partition},
 * for timelines of several file systems. The file name is fls's (with {@code :stream}, {@code ($FILE_NAME)},
 * {@code (deleted)}), double-quoted with inner quotes doubled as mactime does, in its display form.
 */
final class MactimeFormat extends RowFormat {
    MactimeFormat(List<String> sources) {
        super(sources);
    }

    @Override
    void header(ByteOut out) throws IOException {
        out.ascii("Date,Size,Type,Mode,UID,GID,Meta,File Name,Image,Partition\n");
    }

    @Override
    void row(ByteOut out, Row r) throws IOException {
        IsoTime.write(out, r.seconds, r.nanos);
        out.write(',').unsignedDecimal(r.size()).write(',');
        macb(out, r.macb);
        out.write(',');
        ascii(out, r, r.modeAt(), r.modeLength());
        out.write(',')
                .unsignedDecimal(r.uid())
                .write(',')
                .unsignedDecimal(r.gid())
                .write(',');
        ascii(out, r, r.inodeAt(), r.inodeLength());
        out.ascii(",\"");
        flsName(out, r, Text::csv);
        out.ascii("\",\"");
        out.write(csvSource(r));
        out.ascii("\",");
        ascii(out, r, r.partitionAt(), r.partitionLength());
        out.write('\n');
        out.endRecord();
    }
}
