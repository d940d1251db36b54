package dev.exhibit.image.ewf;

import dev.exhibit.image.ewf.EwfFinding.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where parsing reports what it finds. A reader (strict) stops at the first fatal problem with an EwfFormatException
 * and ignores the rest; a verifier collects everything, a fatal problem included, before it stops. The list is
 * bounded: after {@link #MAX_FINDINGS} only a count is kept.
 */
final class Findings {
    static final int MAX_FINDINGS = 1000;

    private final boolean collect;
    private final List<EwfFinding> list = new ArrayList<>();
    private long dropped;

    private Findings(boolean collect) {
        this.collect = collect;
    }

    static Findings strict() {
        return new Findings(false);
    }

    static Findings collecting() {
        return new Findings(true);
    }

    /** A problem that stops reading the set: always thrown, also recorded when collecting. */
    EwfFormatException fatal(Path file, String section, long offset, String message) {
        add(new EwfFinding(Severity.ERROR, file, section, offset, -1, -1, -1, message));
        return EwfFormatException.at(file, section, offset, message);
    }

    /** A problem a reader cannot read past but a verifier can: thrown by a reader, recorded by a verifier. */
    void severe(Path file, String section, long offset, String message) throws EwfFormatException {
        if (!collect) {
            throw EwfFormatException.at(file, section, offset, message);
        }
        error(file, section, offset, message);
    }

    void error(Path file, String section, long offset, String message) {
        add(new EwfFinding(Severity.ERROR, file, section, offset, -1, -1, -1, message));
    }

    void warning(Path file, String section, long offset, String message) {
        add(new EwfFinding(Severity.WARNING, file, section, offset, -1, -1, -1, message));
    }

    synchronized void add(EwfFinding f) {
        if (!collect) {
            return;
        }
        if (list.size() < MAX_FINDINGS) {
            list.add(f);
        } else {
            dropped++;
        }
    }

    synchronized boolean hasErrors() {
        return list.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** The findings, with one more saying how many were left out. */
    synchronized List<EwfFinding> all() {
        List<EwfFinding> out = new ArrayList<>(list);
        if (dropped > 0) {
            boolean anyError = hasErrors();
            out.add(new EwfFinding(
                    anyError ? Severity.ERROR : Severity.WARNING,
                    null,
                    null,
                    -1,
                    -1,
                    -1,
                    -1,
                    dropped + " more findings left out (the first " + MAX_FINDINGS + " are listed)"));
        }
        return List.copyOf(out);
    }
}
