package dev.exhibit.cli;

import dev.exhibit.analyze.hashset.HashSetManifest;
import dev.exhibit.analyze.hashset.HashSetStore;
import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit hashset lookup}: which sets hold each digest, as {@code hfind} answers for one database. */
@Command(
        name = "lookup",
        description = {
            "Look digests up in hash sets, as hfind does.",
            "Each DIGEST, or each line of --file, is an MD5, SHA-1 or SHA-256 in hex. One line is printed for each:"
                    + " the digest, a tab, and the sets that hold it (comma-separated), or - when none does.%n"
        })
final class HashsetLookup implements Callable<Integer> {
    @Option(
            names = "--set",
            paramLabel = "NAME",
            description = "A set to look in; repeat it for more (default: every set in the store).")
    List<String> sets;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "Read the digests from FILE, one a line (- for standard input).")
    Path file;

    @Parameters(arity = "0..*", paramLabel = "DIGEST", description = "The digests to look up.")
    List<String> digests;

    @CommandLine.Mixin
    HashsetCommand.StoreOption store = new HashsetCommand.StoreOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<Long, byte[]> answers = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        if ((file == null) == (digests == null || digests.isEmpty())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give the digests to look up either as operands or with --file, not both");
        }
        HashSetStore s = store.store();
        List<String> names = sets != null
                ? sets
                : s.list().stream().map(HashSetManifest::name).toList();
        if (names.isEmpty()) {
            throw ExhibitException.usage(
                    "the store " + s.directory() + " holds no hash set; add one with exhibit" + " hashset import");
        }
        spec.commandLine().getOut().flush();
        OutputStream out = new BufferedOutputStream(Main.stdout().stream(), 1 << 16);
        try (HashSets open = s.open(names)) {
            if (file == null) {
                for (int i = 0; i < digests.size(); i++) {
                    answer(open, digests.get(i), "operand " + (i + 1), out);
                }
            } else {
                try (InputStream in = file.toString().equals("-") ? System.in : Files.newInputStream(file)) {
                    lookLines(open, in, out);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Each line of {@code in} as bytes, looked up in batches, with no allocation per line. */
    private void lookLines(HashSets open, InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        LookupBatch batch = new LookupBatch(open);
        int filled = 0;
        long line = 0;
        while (true) {
            int n = in.read(buf, filled, buf.length - filled);
            boolean eof = n < 0;
            filled += eof ? 0 : n;
            int start = 0;
            for (int i = 0; i < filled; i++) {
                if (buf[i] == '\n' || (eof && i == filled - 1)) {
                    line++;
                    int from = start;
                    int to = buf[i] == '\n' ? i : i + 1;
                    start = i + 1;
                    while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
                        from++;
                    }
                    while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t' || buf[to - 1] == '\r')) {
                        to--;
                    }
                    if (from < to && !batch.add(buf, from, to)) {
                        batch.flush(out, m -> answer(open, m));
                        answer(
                                open,
                                new String(buf, from, to - from, StandardCharsets.UTF_8),
                                file + ": line " + line,
                                out);
                    }
                    if (batch.full()) {
                        batch.flush(out, m -> answer(open, m));
                    }
                }
            }
            batch.flush(out, m -> answer(open, m));
            System.arraycopy(buf, start, buf, 0, filled - start);
            filled -= start;
            if (eof) {
                return;
            }
            if (filled == buf.length) {
                throw ExhibitException.usage(
                        file + ": line " + (line + 1) + " is longer than " + buf.length + " bytes; it is not a digest");
            }
        }
    }

    private byte[] answer(HashSets open, long mask) {
        return answers.computeIfAbsent(mask, m -> {
            List<HashSetManifest> named = open.named(m);
            String text = named.isEmpty()
                    ? "-"
                    : String.join(",", named.stream().map(HashSetManifest::name).toList());
            return ("\t" + text + "\n").getBytes(StandardCharsets.US_ASCII);
        });
    }

    private void answer(HashSets open, String hex, String where, OutputStream out) throws IOException {
        HashAlgorithm algorithm = switch (hex.length()) {
            case 32 -> HashAlgorithm.MD5;
            case 40 -> HashAlgorithm.SHA1;
            case 64 -> HashAlgorithm.SHA256;
            default -> null;
        };
        if (algorithm == null || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw ExhibitException.usage(where + ": \"" + HashsetCommand.plain(hex)
                    + "\" is not an MD5, SHA-1 or SHA-256 digest in hex (32, 40 or 64 hex digits)");
        }
        long mask = open.lookup(algorithm, HexFormat.of().parseHex(hex));
        out.write(hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        out.write(answer(open, mask));
    }
}
