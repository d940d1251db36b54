package dev.exhibit.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A hash shown in groups of eight characters, so that it can be read aloud and compared by eye. The groups are
 * separate elements spaced by CSS, so copying the hash from the page still gives it without spaces.
 */
public record Hex(String value) {
    static final int GROUP = 8;

    public List<String> groups() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.length(); i += GROUP) {
            out.add(value.substring(i, Math.min(value.length(), i + GROUP)));
        }
        return out;
    }
}
