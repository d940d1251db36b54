package dev.exhibit.core.chain;

import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.Sha256;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What walking a chained log found.
 *
 * @param records how many lines the log holds, torn or not
 * @param headHash the SHA-256 of the last complete line, or {@code null} for an empty log
 * @param problems every break found that no later {@code chain-continued} record acknowledges, in line order; empty
 *     when the chain is intact
 * @param continuations every {@code chain-continued} record, with the breaks it acknowledged: the log was damaged
 *     there, someone said so in the chain, and the lines stayed as they were
 */
public record ChainReport(
        Path file, long records, String headHash, List<Problem> problems, List<Continuation> continuations) {

    public ChainReport {
        problems = List.copyOf(problems);
        continuations = List.copyOf(continuations);
    }

    /**
     * One break in the chain; {@code line} is 1-based, as editors and {@code sed -n Np} count.
     *
     * @param lineSha256 the SHA-256 of the line's bytes as found
     * @param previousSha256 the SHA-256 of the line before it as found (64 zeros for the first line): together they
     *     pin both sides of the break, so a {@code chain-continued} record that acknowledges it stops covering it if
     *     either line changes later
     */
    public record Problem(long line, String message, String lineSha256, String previousSha256) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /**
     * A {@code chain-continued} record (1-based {@code line}), written by {@code exhibit chain continue}: who continued
     * the chain past which breaks, when and why.
     */
    public record Continuation(long line, String time, String by, String reason, List<Problem> acknowledged) {
        public Continuation {
            acknowledged = List.copyOf(acknowledged);
        }

        @Override
        public String toString() {
            List<Long> lines =
                    acknowledged.stream().map(Problem::line).distinct().toList();
            return "line " + line + " continued the chain past the break(s) at line(s) " + lines + " on " + time
                    + " by " + by + ", reason: " + reason;
        }
    }

    /** No unacknowledged break: the log can be extended, and every line is covered by the chain. */
    public boolean intact() {
        return problems.isEmpty();
    }

    /** Whether the chain was continued past a break at least once: intact, but not as written. */
    public boolean continued() {
        return !continuations.isEmpty();
    }

    /**
     * Whether a head hash quoted for the first {@code lines} lines (by a custody event, a time stamp or a report) still
     * vouches for all of them. Line {@code lines} hashing as quoted is not enough: a line edited below it leaves it
     * unchanged and breaks the chain at the line after the edit. Such a break must be acknowledged within the quoted
     * lines (the head then covers the continuation, which pins both sides of the break); a break only a later
     * continuation acknowledges, or none, means the lines before it are not the ones that were quoted.
     *
     * @return that break, as a clause naming its line (and the continuation that came too late), or empty
     */
    public Optional<String> breakWithin(long lines) {
        for (Problem p : problems) {
            if (p.line() <= lines) {
                return Optional.of("the chain is broken at line " + p.line() + " (" + p.message() + ")");
            }
        }
        for (Continuation c : continuations) {
            for (Problem p : c.acknowledged()) {
                if (c.line() > lines && p.line() <= lines) {
                    return Optional.of("the chain is broken at line " + p.line() + ", which only the chain-continued"
                            + " record on line " + c.line() + ", written after them, acknowledges (" + p.message()
                            + ")");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What to do about a broken chain, for the error of a command that refuses to extend it: the two commands that
     * explain the break and continue past it without changing a line.
     */
    public static String remedy(Path file) {
        String f = Invocation.shellQuote(file.toString());
        return "'exhibit chain check " + f + "' explains it; 'exhibit chain continue " + f + " --reason TEXT' records"
                + " the break in the chain and lets the log be appended to again, changing no line";
    }

    String headHashOrZero() {
        return headHash == null ? Sha256.ZERO : headHash;
    }
}
