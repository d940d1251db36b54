package dev.exhibit.report.casefile;

import java.util.regex.Pattern;

/**
 * Evidence item identifiers ({@code --id EV-001}). They name a directory under {@code evidence/}, so they are
 * restricted to characters that are safe in a path and unambiguous when printed.
 */
public final class EvidenceIds {
    /** Longest identifier accepted; agencies' exhibit numbers are far shorter. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private EvidenceIds() {}

    /** Returns {@code id} when it is acceptable, or throws naming the rule it breaks. */
    public static String check(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("evidence id must not be empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "evidence id is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("evidence id '" + dev.exhibit.report.text.VisibleText.plain(id)
                    + "' may hold only letters, digits, '.', '_' and '-', and must start with a letter or digit");
        }
        return id;
    }
}
