package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.IsoTime;
import java.io.IOException;
import java.util.List;

/**
 * A plain CSV with a header (RFC 4180, names double-quoted in their display form), one column per fact instead of
 * fls's composite name: {@code time,macb,source,image,partition,inode,state,size,mode,uid,gid,path,symlink_target}.
 * {@code source} says whose times the row has ({@code $FILE_NAME} or {@code metadata}), {@code path} has a stream
 * as {@code :stream}.
 */
final class CsvFormat extends RowFormat {
    CsvFormat(List<String> sources) {
        super(sources);
    }

    @Override
    void header(ByteOut out) throws IOException {
        out.ascii("time,macb,source,image,partition,inode,state,size,mode,uid,gid,path,symlink_target\n");
    }

    @Override
    void row(ByteOut out, Row r) throws IOException {
        IsoTime.write(out, r.seconds, r.nanos);
        out.write(',');
        macb(out, r.macb);
        out.ascii(r.fileName() ? ",$FILE_NAME,\"" : ",metadata,\"");
        out.write(csvSource(r));
        out.ascii("\",");
        ascii(out, r, r.partitionAt(), r.partitionLength());
        out.write(',');
        ascii(out, r, r.inodeAt(), r.inodeLength());
        out.write(',')
                .ascii(STATES[r.state()])
                .write(',')
                .unsignedDecimal(r.size())
                .write(',');
        ascii(out, r, r.modeAt(), r.modeLength());
        out.write(',')
                .unsignedDecimal(r.uid())
                .write(',')
                .unsignedDecimal(r.gid())
                .ascii(",\"");
        Text.csv(out, r.buf, r.pathAt(), r.pathLength());
        if (r.streamLength() > 0) {
            out.write(':');
            Text.csv(out, r.buf, r.streamAt(), r.streamLength());
        }
        out.ascii("\",");
        if (r.linkLength() > 0) {
            out.write('"');
            Text.csv(out, r.buf, r.linkAt(), r.linkLength());
            out.write('"');
        }
        out.write('\n');
        out.endRecord();
    }
}
