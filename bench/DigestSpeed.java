import java.security.MessageDigest;
import java.util.Random;

/**
 * How fast this JVM hashes on one core, and what that means for `exhibit acquire --hash md5,sha1,sha256`: the CPU its
 * digests need for a source of the given size, counting the second SHA-256 pass that the window hashes add, spread
 * over every core with nothing else to do. No acquisition of that size can finish sooner.
 *
 * <pre>java bench/DigestSpeed.java SOURCE_BYTES</pre>
 */
public class DigestSpeed {
    private static final int BUFFER_BYTES = 4 << 20;
    private static final long MEASURED_BYTES = 1L << 30;

    public static void main(String[] args) throws Exception {
        long sourceBytes = Long.parseLong(args[0]);
        byte[] buffer = new byte[BUFFER_BYTES];
        new Random(1).nextBytes(buffer);
        double cpuSeconds = 0;
        for (String algorithm : new String[] {"MD5", "SHA-1", "SHA-256"}) {
            rate(algorithm, buffer); // the first pass warms the JIT up: the acquisition's steady state is measured
            double bytesPerSecond = rate(algorithm, buffer);
            int passes = algorithm.equals("SHA-256") ? 2 : 1;
            cpuSeconds += passes * sourceBytes / bytesPerSecond;
            System.out.printf("  %-8s %5.0f MB/s on one core%n", algorithm, bytesPerSecond / 1e6);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "digest CPU for md5 + sha1 + sha256 + window sha256 over %d bytes: %.2f s; on %d cores at least %.2f s"
                        + " of wall time%n",
                sourceBytes, cpuSeconds, cores, cpuSeconds / cores);
    }

    private static double rate(String algorithm, byte[] buffer) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        long start = System.nanoTime();
        for (long done = 0; done < MEASURED_BYTES; done += buffer.length) {
            digest.update(buffer);
        }
        digest.digest();
        return MEASURED_BYTES / ((System.nanoTime() - start) / 1e9);
    }
}
