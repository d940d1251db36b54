import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The seeded data of bench/hashset.sh: SET_SIZE random MD5s as md5sum prints them (the form `hfind -i md5sum`
 * indexes), and QUERIES digests to look up, every other one taken from the set, the rest random (absent but for a
 * 2^-128 chance). The same arguments give the same bytes.
 *
 * <pre>java bench/HashsetData.java SET_SIZE QUERIES SET_FILE QUERY_FILE</pre>
 */
public class HashsetData {
    private static final long SEED = 20261207L;

    public static void main(String[] args) throws Exception {
        long setSize = Long.parseLong(args[0]);
        long queries = Long.parseLong(args[1]);
        HexFormat hex = HexFormat.of();
        byte[] digest = new byte[16];
        SplittableRandom set = new SplittableRandom(SEED);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 20)) {
            for (long i = 0; i < setSize; i++) {
                set.nextBytes(digest);
                out.write((hex.formatHex(digest) + "  file-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        // A present query is the i-th digest of the set, regenerated from the same seed rather than held in memory.
        long stride = Math.max(1, setSize / Math.max(1, queries / 2));
        SplittableRandom again = new SplittableRandom(SEED);
        SplittableRandom absent = new SplittableRandom(SEED + 1);
        byte[] present = new byte[16];
        long produced = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[3])), 1 << 20)) {
            for (long q = 0; q < queries; q++) {
                long wanted = q / 2 * stride;
                if (q % 2 == 0 && wanted < setSize) {
                    while (produced <= wanted) {
                        again.nextBytes(present);
                        produced++;
                    }
                    out.write((hex.formatHex(present) + "\n").getBytes(StandardCharsets.US_ASCII));
                } else {
                    absent.nextBytes(digest);
                    out.write((hex.formatHex(digest) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
