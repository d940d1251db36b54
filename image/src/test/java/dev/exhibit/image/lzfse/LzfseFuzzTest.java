package dev.exhibit.image.lzfse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations and truncations of valid streams (hdiutil's bvx2 and bvxn chunks, hand-built bvx- and bvxn
 * streams, the test encoder's multi-block bvxn, bvx1 and bvx2 streams), and random bytes behind each magic: the
 * decoder returns a length within its output or throws an {@link LzfseException} naming block and offset; it never
 * throws anything else, never writes outside its output range, never takes long and never allocates more than a
 * bounded amount, whatever the headers claim.
 */
class LzfseFuzzTest {
    private static final long SEED = 0x62_76_78_32L;
    private static final int CASES = 4000;
    private static final Duration ALL_CASES = Duration.ofSeconds(60);
    /** The decoder's own state is about 50 KB; a mutated header must not make it allocate by what it claims. */
    private static final long MAX_ALLOCATED_BYTES_PER_CASE = 1 << 20;

    private static final int GUARD_BYTES = 64;
    private static final byte GUARD = (byte) 0xa5;
    private static final Pattern CLEAR_MESSAGE = Pattern.compile("(bvx[-12n$]|stream) block at byte \\d+: .+");
    private static final String[] MAGICS = {"bvx-", "bvx1", "bvx2", "bvxn", "bvx$"};

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void decode_onMutatedAndRandomStreams_returnsWithinBoundsOrFailsClearly() throws Exception {
        List<DmgSamples.Sample> seeds = seeds();
        Random rnd = new Random(SEED);
        for (DmgSamples.Sample seed : seeds) {
            // Warm up first: loading the decoder's classes allocates too, once.
            exercise(seed.stream(), seed.decodedBytes(), "seed");
        }
        int[] outcomes = assertTimeoutPreemptively(ALL_CASES, () -> {
            int decoded = 0;
            int refused = 0;
            for (int i = 0; i < CASES; i++) {
                DmgSamples.Sample seed = seeds.get(rnd.nextInt(seeds.size()));
                StringBuilder what = new StringBuilder("case " + i + ": ");
                byte[] stream = mutate(seed.stream(), rnd, what);
                int capacity = rnd.nextInt(8) == 0 ? rnd.nextInt(seed.decodedBytes() + 1) : seed.decodedBytes();
                if (exercise(stream, capacity, what.toString())) {
                    decoded++;
                } else {
                    refused++;
                }
            }
            return new int[] {decoded, refused};
        });
        // Both outcomes must be common, or the mutations stop at the door (or never reach it).
        assertThat(outcomes[0]).as("streams decoded").isGreaterThan(CASES / 50);
        assertThat(outcomes[1]).as("streams refused").isGreaterThan(CASES / 2);
    }

    /** Decodes one stream; returns true if it decoded, false if it was refused clearly. */
    private boolean exercise(byte[] stream, int capacity, String what) {
        byte[] dst = new byte[capacity + 2 * GUARD_BYTES];
        Arrays.fill(dst, GUARD);
        long allocated;
        boolean decoded;
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            int n = Lzfse.decode(stream, 0, stream.length, dst, GUARD_BYTES, capacity);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(n).as(what).isBetween(0, capacity);
            decoded = true;
        } catch (LzfseException e) {
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(e.getMessage()).as(what).matches(CLEAR_MESSAGE);
            decoded = false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decode threw " + e + " after " + what, e);
        }
        assertThat(allocated).as("bytes allocated, " + what).isLessThan(MAX_ALLOCATED_BYTES_PER_CASE);
        for (int i = 0; i < GUARD_BYTES; i++) {
            assertThat(dst[i]).as("guard byte before the output, " + what).isEqualTo(GUARD);
            assertThat(dst[GUARD_BYTES + capacity + i])
                    .as("guard byte after the output, " + what)
                    .isEqualTo(GUARD);
        }
        return decoded;
    }

    private static byte[] mutate(byte[] seed, Random rnd, StringBuilder what) {
        byte[] s = seed.clone();
        int kind = rnd.nextInt(10);
        switch (kind) {
            case 0, 1, 2 -> {
                what.append("bytes");
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int at = rnd.nextInt(s.length);
                    s[at] = (byte) rnd.nextInt(256);
                    what.append(' ').append(at);
                }
            }
            case 3 -> {
                int at = rnd.nextInt(s.length);
                what.append("bit at ").append(at);
                s[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 4 -> {
                int length = rnd.nextInt(s.length);
                what.append("cut at ").append(length);
                s = Arrays.copyOf(s, length);
            }
            case 5 -> {
                // A header field (the first 32 bytes hold every count, size and state) set to an edge value.
                int at = rnd.nextInt(Math.min(32, s.length - 3));
                int value = rnd.nextBoolean() ? -1 : rnd.nextInt(1 << 16);
                what.append("header int at ").append(at).append(" = ").append(value);
                for (int i = 0; i < 4; i++) {
                    s[at + i] = (byte) (value >>> (8 * i));
                }
            }
            case 6 -> {
                // Random bytes behind a magic: every block parser sees pure noise.
                String magic = MAGICS[rnd.nextInt(MAGICS.length)];
                s = new byte[4 + rnd.nextInt(2048)];
                rnd.nextBytes(s);
                System.arraycopy(magic.getBytes(StandardCharsets.US_ASCII), 0, s, 0, 4);
                what.append("random after ").append(magic);
            }
            case 7 -> {
                s = new byte[rnd.nextInt(64)];
                rnd.nextBytes(s);
                what.append("random ").append(s.length).append(" bytes");
            }
            default -> {
                // Damage in the payload only: the header passes its checks and the bit streams carry the damage.
                int from = Math.min(s.length - 1, s.length / 8 + 12);
                int at = from + rnd.nextInt(s.length - from);
                s[at] = (byte) rnd.nextInt(256);
                what.append("payload byte ").append(at);
            }
        }
        return s;
    }

    private static List<DmgSamples.Sample> seeds() throws Exception {
        List<DmgSamples.Sample> seeds = new ArrayList<>(DmgSamples.all());
        // 45 literals, 10 bytes at distance 45, then six long matches of 271 and one of 25 at the same distance.
        byte[] text = "the quick brown fox jumps over the lazy dog; ".getBytes(StandardCharsets.US_ASCII);
        Streams lzvn =
                new Streams().bytes(0xe0, text.length - 16).bytes(toInts(text)).bytes(0x3f, 45, 0);
        for (int i = 0; i < 6; i++) {
            lzvn.bytes(0xf0, 255);
        }
        lzvn.bytes(0xf0, 9).bytes(0x06, 0, 0, 0, 0, 0, 0, 0);
        int lzvnBytes = text.length + 10 + 6 * 271 + 25;
        seeds.add(
                new DmgSamples.Sample(new Streams().lzvn(lzvnBytes, lzvn).end().toByteArray(), lzvnBytes));
        seeds.add(new DmgSamples.Sample(
                new Streams().raw("uncompressed").raw("blocks").end().toByteArray(), 18));
        byte[] words = LzfseRoundTripTest.data("text", 20_000);
        for (LzfseWriter.Kind kind : List.of(LzfseWriter.Kind.LZVN, LzfseWriter.Kind.FSE_V1, LzfseWriter.Kind.FSE_V2)) {
            seeds.add(new DmgSamples.Sample(LzfseWriter.encode(words, kind, 8_000), words.length));
        }
        return seeds;
    }

    private static int[] toInts(byte[] bytes) {
        int[] ints = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ints[i] = bytes[i] & 0xff;
        }
        return ints;
    }
}
