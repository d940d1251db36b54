package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * hashdeep's file format 1.0: {@code %%%% HASHDEEP-1.0}, then {@code %%%% size,md5,sha256,filename} naming the
 * columns (size first, filename last, digests between), then one {@code size,digest...,name} line per file, where
 * commas after the last digest belong to the name. Lines starting with {@code #} are comments. A header may come
 * again (lists joined with cat). Tiger and Whirlpool columns are checked and not indexed.
 */
final class HashdeepReader {
    static final String SIGNATURE = "%%%% HASHDEEP-1.0";
    private static final String COLUMNS = "%%%% ";
    /** Longest decimal size hashdeep writes (2^64 - 1). */
    private static final int MAX_SIZE_DIGITS = 20;

    /** A digest column: its algorithm (null if not indexed) and its width in hex digits. */
    private record Column(String name, HashAlgorithm algorithm, int hexDigits) {}

    private final LineReader lines;
    private final byte[][] scratch = {new byte[16], new byte[20], new byte[32]};
    private List<Column> columns;
    /** Whether the line before was a file's line, which a name holding a newline continues. */
    private boolean afterEntry;

    private long continued;
    private long firstContinued;

    HashdeepReader(LineReader lines) {
        this.lines = lines;
    }

    /** Reads every line into {@code sink}; the file must start with {@link #SIGNATURE}. */
    String read(DigestSink sink) throws IOException {
        boolean expectColumns = false;
        while (lines.next()) {
            boolean entry = false;
            if (lines.startsWith(SIGNATURE) && lines.end() - lines.start() == SIGNATURE.length()) {
                expectColumns = true;
            } else if (expectColumns) {
                columns = columns();
                expectColumns = false;
            } else if (lines.number() == 1) {
                throw lines.error("does not start hashdeep's format (" + SIGNATURE + ")");
            } else if (!lines.startsWith("#")) {
                entry = entry(sink);
            }
            afterEntry = entry;
        }
        if (expectColumns || columns == null) {
            throw lines.error("ends the file before hashdeep's column line (%%%% size,...,filename)");
        }
        return "hashdeep";
    }

    private List<Column> columns() {
        if (!lines.startsWith(COLUMNS)) {
            throw lines.error("should name hashdeep's columns (%%%% size,...,filename)");
        }
        String[] names = new String(
                        lines.bytes(),
                        lines.start() + COLUMNS.length(),
                        lines.end() - lines.start() - COLUMNS.length(),
                        java.nio.charset.StandardCharsets.US_ASCII)
                .split(",", -1);
        if (names.length < 3 || !names[0].equals("size") || !names[names.length - 1].equals("filename")) {
            throw lines.error("should list size first, filename last and at least one digest between");
        }
        List<Column> result = new ArrayList<>();
        for (int i = 1; i < names.length - 1; i++) {
            result.add(
                    switch (names[i]) {
                        case "md5" -> new Column(names[i], HashAlgorithm.MD5, 32);
                        case "sha1", "sha-1" -> new Column(names[i], HashAlgorithm.SHA1, 40);
                        case "sha256", "sha-256" -> new Column(names[i], HashAlgorithm.SHA256, 64);
                        case "tiger" -> new Column(names[i], null, 48);
                        case "whirlpool" -> new Column(names[i], null, 128);
                        default ->
                            throw lines.error(
                                    "names a column hashdeep does not write: '" + Badges.visible(names[i]) + "'");
                    });
        }
        return result;
    }

    /**
     * What the lines said of themselves: hashdeep writes a newline inside a file name as it is, breaking the name
     * across lines (hashdeep issue 384); such a line has no digest, and is counted here rather than taken for one.
     */
    String detail() {
        return continued == 0
                ? ""
                : continued + " line(s) continued a file name holding a newline (the first is line " + firstContinued
                        + ")";
    }

    /** Reads a file's line, or counts the rest of a name that a newline broke (a line after a file's line). */
    private boolean entry(DigestSink sink) throws IOException {
        if (columns == null) {
            throw lines.error("comes before hashdeep's header (" + SIGNATURE + " and the column line)");
        }
        byte[] b = lines.bytes();
        int at = lines.start();
        int digits = 0;
        while (at < lines.end() && b[at] >= '0' && b[at] <= '9') {
            at++;
            digits++;
        }
        if (digits == 0 || at == lines.end() || b[at] != ',') {
            if (afterEntry) {
                continued++;
                firstContinued = firstContinued == 0 ? lines.number() : firstContinued;
                return true;
            }
            throw lines.error("does not start with a size in bytes and a comma");
        }
        if (digits > MAX_SIZE_DIGITS) {
            throw lines.error("gives a size of more than " + MAX_SIZE_DIGITS + " digits");
        }
        for (Column c : columns) {
            at++;
            if (Digests.hexRun(b, at, lines.end()) != c.hexDigits
                    || at + c.hexDigits >= lines.end()
                    || b[at + c.hexDigits] != ',') {
                throw lines.error("has no " + c.hexDigits + "-digit " + c.name + " digest and comma where its " + c.name
                        + " column is");
            }
            if (c.algorithm != null) {
                byte[] digest = scratch[TextListReader.index(c.algorithm)];
                Digests.decode(b, at, c.hexDigits / 2, digest);
                sink.accept(c.algorithm, digest);
            }
            at += c.hexDigits;
        }
        return true;
    }
}
