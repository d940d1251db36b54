package dev.exhibit.analyze.tsk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The struct layouts gcc measured against the installed libtsk 4.11 headers ({@code layout-4.11.txt}, one {@code
 * STRUCT.member offset size} per line; LayoutTest measures them again) and the check of {@link Layouts}' declarations
 * against them, which {@link Libtsk} runs at load.
 */
public final class LayoutCheck {
    /** The table of measured offsets and sizes. */
    public static final String TABLE = "layout-4.11.txt";

    private LayoutCheck() {}

    /** One line of the measured table. */
    public record Member(String struct, String member, long offset, long size) {
        /** {@code TSK_FS_META.time2.ntfs.fn_id}, or {@code TSK_FS_META} for the struct's own size. */
        public String qualified() {
            return member == null ? struct : struct + "." + member;
        }
    }

    /** The measured table as shipped in the jar. */
    public static List<Member> measured() {
        List<Member> out = new ArrayList<>();
        try (InputStream in = LayoutCheck.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TABLE + " is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split("\\s+");
                String[] name = f[0].split("\\.", 2);
                if (f[1].equals("sizeof")) {
                    out.add(new Member(name[0], null, 0, Long.parseLong(f[2])));
                } else {
                    out.add(new Member(name[0], name[1], Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Checks every declared member against the measured table; returns the mismatches, each naming the member with
     * the declared and measured offset and size (empty when the declarations are right).
     */
    public static List<String> verify() {
        List<String> problems = new ArrayList<>();
        for (Member m : measured()) {
            StructLayout s = Layouts.BY_NAME.get(m.struct());
            if (s == null) {
                problems.add(m.struct() + " is measured but not declared");
                continue;
            }
            long declaredOffset = m.member() == null ? 0 : Layouts.offset(s, m.member());
            long declaredSize = m.member() == null
                    ? s.byteSize()
                    : Layouts.member(s, m.member()).byteSize();
            if (declaredOffset != m.offset() || declaredSize != m.size()) {
                problems.add(m.qualified() + " declared @" + declaredOffset + "/" + declaredSize + ", measured @"
                        + m.offset() + "/" + m.size());
            }
        }
        return problems;
    }
}
