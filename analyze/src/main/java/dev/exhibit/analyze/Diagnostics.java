package dev.exhibit.analyze;

import java.util.function.Consumer;

/**
 * What a command reports besides its output. A warning is something the reader must know while the result is still
 * complete (a container read as raw, a file system found only by naming its type); a problem is damage: part of the
 * evidence could not be analysed (a partition without a readable file system, a file whose content could not be
 * read), and the command ends with exit status 1 after doing the rest.
 */
public interface Diagnostics {
    void warning(String message);

    void problem(String message);

    /** A finding the reader asked for, reported beside the output (a listing's hash-set hits); dropped by default. */
    default void note(String message) {}

    /** Drops everything: for callers that read the problems from the result itself (a summary lists them). */
    static Diagnostics ignored() {
        return of(m -> {}, m -> {});
    }

    static Diagnostics of(Consumer<String> warnings, Consumer<String> problems) {
        return of(warnings, problems, m -> {});
    }

    static Diagnostics of(Consumer<String> warnings, Consumer<String> problems, Consumer<String> notes) {
        return new Diagnostics() {
            @Override
            public void note(String message) {
                notes.accept(message);
            }

            @Override
            public void warning(String message) {
                warnings.accept(message);
            }

            @Override
            public void problem(String message) {
                problems.accept(message);
            }
        };
    }
}
