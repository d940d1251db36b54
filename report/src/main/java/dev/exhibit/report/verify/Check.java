package dev.exhibit.report.verify;

/**
 * One line of {@code report verify}'s answer.
 *
 * @param subject what was checked, e.g. {@code signature} or {@code custody.log.jsonl}
 * @param detail the finding; for a failure it names the place: file and line, byte offset or JSON pointer. It may
 *     quote evidence strings as they are: show it through {@code VisibleText} before printing it to a terminal
 */
public record Check(Status status, String subject, String detail) {
    public enum Status {
        /** Checked and holds. */
        PASS,
        /** Checked and does not hold: the report or the evidence does not verify. */
        FAIL,
        /** Holds, but something a reader must weigh (an untrusted time stamp, a certificate not anchored). */
        WARN,
        /** Neither passes nor fails: what was not covered, what was skipped. */
        INFO
    }

    public static Check pass(String subject, String detail) {
        return new Check(Status.PASS, subject, detail);
    }

    public static Check fail(String subject, String detail) {
        return new Check(Status.FAIL, subject, detail);
    }

    public static Check warn(String subject, String detail) {
        return new Check(Status.WARN, subject, detail);
    }

    public static Check info(String subject, String detail) {
        return new Check(Status.INFO, subject, detail);
    }

    @Override
    public String toString() {
        return status + "  " + subject + ": " + detail;
    }
}
