import dev.exhibit.analyze.hashset.HashSetStore;
import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.core.digest.HashAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Lookups per second of the lookup API itself (HashSets.lookup, as `analyze files --hashset` calls it), without the
 * command line's process start and I/O: the queries are decoded first, then looked up ROUNDS times on one thread.
 *
 * <pre>java -cp 'cli/target/exhibit.jar:cli/target/lib/*' bench/HashsetLookupSpeed.java STORE SET QUERY_FILE [ROUNDS]</pre>
 */
public class HashsetLookupSpeed {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        byte[][] queries = new byte[lines.size()][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = HexFormat.of().parseHex(lines.get(i));
        }
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (HashSets sets = HashSetStore.at(Path.of(args[0])).open(List.of(args[1]))) {
            for (int r = 1; r <= rounds; r++) {
                long start = System.nanoTime();
                int hits = 0;
                for (byte[] q : queries) {
                    hits += sets.lookup(HashAlgorithm.MD5, q) != 0 ? 1 : 0;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("  round %d: %,d lookups, %,d found, %.3f s, %,.0f lookups/s%n",
                        r, queries.length, hits, seconds, queries.length / seconds);
            }
        }
    }
}
