package dev.exhibit.acquire.log;

import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code OUTDIR/acquisition.txt}: the acquisition as a person reads it, beside the image, as Guymager leaves an
 * {@code .info} file and FTK Imager a {@code .txt}. It is made from {@code acquisition.log.jsonl} alone and says which
 * lines and which head hash it was made from; the log stays the record of truth.
 *
 * <p>It is written at the end of every run (complete, failed or interrupted) and after every verification, and
 * replaced atomically, so a reader never sees half a record. Writing it never fails an acquisition: {@link #write}
 * reports a failure in its {@link Outcome} instead of throwing. A log whose chain is broken does not replace a record
 * made earlier from the intact log.
 */
public final class AcquisitionRecordText {
    public static final String FILE_NAME = "acquisition.txt";

    /**
     * What became of one attempt to write the record.
     *
     * @param logRecords how many log lines it was made from (the head is the last of them)
     * @param logHeadHash the SHA-256 of the log's last line it was made from
     * @param problem why it was not written, or null when it was
     */
    public record Outcome(Path file, long logRecords, String logHeadHash, String problem) {
        public boolean written() {
            return problem == null;
        }

        /** One line for the console, e.g. {@code OUTDIR/acquisition.txt (from log lines 1 to 17)}. */
        @Override
        public String toString() {
            return written()
                    ? file + " (a plain-text reading of log lines 1 to " + logRecords + ")"
                    : file + " not written: " + problem;
        }
    }

    private AcquisitionRecordText() {}

    /** Writes (or replaces) the record of the acquisition in {@code outDir} from its log, as the log now stands. */
    public static Outcome write(Path outDir) {
        Path file = outDir.resolve(FILE_NAME);
        Path tmp = outDir.resolve(FILE_NAME + ".tmp");
        try {
            Path logFile = outDir.resolve(AcquisitionLog.FILE_NAME);
            if (!Files.isRegularFile(logFile)) {
                return new Outcome(file, 0, null, "there is no " + AcquisitionLog.FILE_NAME + " to read");
            }
            AcquisitionLog log = AcquisitionLog.read(logFile);
            if (log.records() == 0) {
                return new Outcome(file, 0, null, "the log holds no complete record");
            }
            ChainReport chain = log.chain();
            if (!chain.intact() && Files.exists(file)) {
                return new Outcome(
                        file,
                        log.records(),
                        log.headHash(),
                        "the log's chain is broken (" + chain.problems().getFirst()
                                + "); the record made earlier from the intact log is kept");
            }
            byte[] text = RecordText.render(log).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Outcome(file, log.records(), log.headHash(), null);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException ignored) {
                // the outcome below already says the record was not written
            }
            return new Outcome(
                    file, 0, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
