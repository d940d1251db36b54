package dev.exhibit.acquire;

import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.core.Invocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** An {@link AcquireRequest} with the command line's defaults, changed one option at a time, for tests. */
final class Acquire {
    private final Path source;
    private final Path outDir;
    private long windowBytes = AcquireRequest.DEFAULT_WINDOW_BYTES;
    private FillPattern fill = FillPattern.ZEROS;
    private int retries;
    private long maxBad = -1;
    private boolean writeBlockCheck = true;
    private Progress progress = Progress.NONE;
    private Cancellation cancel = new Cancellation();
    private EwfOptions ewf;
    private CaseFields caseFields = CaseFields.NONE;
    private Invocation invocation;

    private Acquire(Path source, Path outDir) {
        this.source = source;
        this.outDir = outDir;
    }

    static Acquire of(Path source, Path outDir) {
        return new Acquire(source, outDir);
    }

    Acquire window(long bytes) {
        windowBytes = bytes;
        return this;
    }

    Acquire fill(FillPattern pattern) {
        fill = pattern;
        return this;
    }

    Acquire retries(int n) {
        retries = n;
        return this;
    }

    Acquire maxBad(long n) {
        maxBad = n;
        return this;
    }

    Acquire noWriteBlockCheck() {
        writeBlockCheck = false;
        return this;
    }

    Acquire progress(Progress p) {
        progress = p;
        return this;
    }

    Acquire cancel(Cancellation c) {
        cancel = c;
        return this;
    }

    /** {@code --format e01} with these options. */
    Acquire e01(EwfOptions options) {
        ewf = options;
        return this;
    }

    Acquire caseFields(CaseFields fields) {
        caseFields = fields;
        return this;
    }

    /** A fixed invocation (its start time goes into an E01's header), so two runs can give identical files. */
    Acquire invocation(Invocation i) {
        invocation = i;
        return this;
    }

    AcquireRequest request() {
        return new AcquireRequest(
                source,
                outDir,
                AcquireRequest.DEFAULT_HASHES,
                windowBytes,
                0,
                caseFields,
                retries,
                fill,
                maxBad,
                writeBlockCheck,
                null,
                true,
                invocation != null
                        ? invocation
                        : Invocation.of("exhibit", List.of("acquire", source.toString(), outDir.toString())),
                null,
                ewf);
    }

    Acquisition.Result run() throws IOException {
        return Acquisition.acquire(request(), progress, cancel);
    }
}
