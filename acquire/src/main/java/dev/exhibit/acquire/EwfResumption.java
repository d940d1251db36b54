package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.image.EwfOutput;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.log.ReplayMismatchException;
import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.writeblock.WriteBlockStatus;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.image.ewf.EwfLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exhibit acquire --resume} of an E01 acquisition. An E01 only grows at its end and its writer keeps only
 * whole chunk groups after a crash, so a resume keeps exactly what the set holds: it is hashed again from byte 0
 * (every logged window inside it must match, and the digests are rebuilt on the way), and everything past it is read
 * again from the source. Records of the log reaching past it are superseded ({@code reacquireFromByte}). Where the kept
 * chunks hold fills is known from the log's bad ranges and the journal the E01 output keeps for that purpose.
 */
final class EwfResumption {
    static final String MAP_NOTE =
            "not used: an E01 keeps whole chunk groups, and what lies past them is read again" + " from the source";

    private EwfResumption() {}

    static Acquisition.Result run(Resumption.Context c, Progress progress, Cancellation cancel) throws IOException {
        Path dir = c.layout().directory();
        EwfLayout ewf = EwfHeaders.layout(c.layout().ewf(), c.source(), c.identity());
        List<BadRun> journaled = EwfOutput.journaledBadRuns(dir);
        WriteBlockStatus writeBlock = c.requireWriteBlock();
        OutputDirectory.reserve(dir);
        try (EwfOutput image = EwfOutput.resume(
                c.layout(), ewf, EwfHeaders.header(c.facts().start(), c.facts().source()))) {
            long kept = image.keptBytes();
            Replay plan = Replay.ofEwf(
                    c.facts(),
                    kept,
                    journaled,
                    c.source().sizeBytes(),
                    c.source().logicalSectorBytes(),
                    c.settings().policy().retries());
            ObjectNode sourceRecord =
                    SourceMatch.require(c.source(), c.identity(), c.facts(), unlogged(plan, kept), image::read);
            AcquisitionLogWriter log =
                    plan.writer(c.chain(), c.layout(), c.fill().description());
            Acquisition.Session session = c.session(log, writeBlock);
            AcquisitionRun run = session.open(image, plan.map(), plan.ledger(), progress, cancel);
            try {
                run.replay(kept);
            } catch (ReplayMismatchException m) {
                run.close();
                throw ExhibitException.evidence("the E01 in " + dir + " does not match its own log: " + m.getMessage()
                        + "; an E01 cannot be rewritten in place, so it cannot be resumed");
            } catch (IOException | RuntimeException e) {
                run.close();
                throw e;
            }
            try (run) {
                ObjectNode r = Resumption.resumeRecord(
                        c.request(), c.logged(), c.facts(), plan, null, c.chain(), MAP_NOTE, sourceRecord);
                r.putObject("e01").put("keptBytes", kept).put("journaledBadRuns", journaled.size());
                if (plan.reacquiring()) {
                    r.put("reacquireFromByte", kept);
                }
                log.append("resume", r);
                return session.finish(run, image, plan.map(), plan.ledger());
            }
        }
    }

    /** The kept bytes no logged window vouches for, without their fills: compared with the source at a few places. */
    private static List<SourceMatch.Range> unlogged(Replay plan, long kept) {
        List<SourceMatch.Range> out = new ArrayList<>();
        long at = plan.loggedBytes();
        int sector = plan.sectorBytes();
        for (BadRun r : plan.ledger().runsIn(at / sector, kept / sector)) {
            out.add(new SourceMatch.Range(at, r.byteOffset()));
            at = r.endByte();
        }
        out.add(new SourceMatch.Range(at, kept));
        return out;
    }
}
