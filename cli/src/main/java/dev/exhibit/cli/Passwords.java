package dev.exhibit.cli;

import dev.exhibit.core.ExhibitException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a key file's password comes from, in this order: a file named with {@code --password-file} (its first line),
 * an environment variable, or a prompt on the terminal. Never from the command line, where it would be visible in
 * the process list and shell history, and in every log that records the command.
 */
final class Passwords {
    /** Environment variable for the examiner's key file. */
    static final String KEY_ENV = "EXHIBIT_KEY_PASSWORD";
    /** Environment variable for a local time-stamping authority's key file. */
    static final String TSA_ENV = "EXHIBIT_TSA_PASSWORD";
    /** Shortest password accepted for a new key file. */
    static final int MIN_NEW_LENGTH = 8;

    private Passwords() {}

    /** Work done with a password, which is wiped from memory afterwards. */
    @FunctionalInterface
    interface Use<T> {
        T with(char[] password) throws IOException;
    }

    /** Reads the password as {@link #read} does, hands it to {@code use}, then overwrites it. */
    static <T> T use(Path passwordFile, String envVar, String what, boolean confirm, Use<T> use) throws IOException {
        char[] pw = read(passwordFile, envVar, what, confirm);
        try {
            return use.with(pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * @param what names the key file in the prompt and in errors
     * @param confirm whether to ask twice (a new key file) and enforce {@link #MIN_NEW_LENGTH}
     */
    static char[] read(Path passwordFile, String envVar, String what, boolean confirm) throws IOException {
        char[] pw;
        if (passwordFile != null) {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            pw = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "").toCharArray();
        } else if (System.getenv(envVar) != null) {
            pw = System.getenv(envVar).toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw ExhibitException.usage("no password for " + what + ": give --password-file FILE, set " + envVar
                        + ", or run in a terminal to be asked");
            }
            pw = console.readPassword("Password for %s: ", what);
            if (pw == null) {
                throw ExhibitException.usage("no password entered for " + what);
            }
            if (confirm) {
                char[] again = console.readPassword("Repeat the password: ");
                boolean same = again != null && Arrays.equals(pw, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    Arrays.fill(pw, '\0');
                    throw ExhibitException.usage("the passwords entered differ");
                }
            }
        }
        if (pw.length == 0 || confirm && pw.length < MIN_NEW_LENGTH) {
            throw ExhibitException.usage("the password for " + what + " must be at least "
                    + (confirm ? MIN_NEW_LENGTH : 1) + " characters long");
        }
        return pw;
    }
}
