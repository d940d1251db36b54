package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "*.txt|/a/b/notes.txt|true",
                "*.txt|/notes.txt.bak|false",
                "*.TXT|/notes.txt|false",
                "notes.???|/x/notes.txt|true",
                "[a-c]*|/x/beta|true",
                "[!a-c]*|/x/beta|false",
                "[]x]|/]|true",
                "*.{jpg,png}|/p/a.png|true",
                "{a,b{c,d}}|/bd|true",
                "\\*|/*|true",
                "\\*|/x|false",
                "/Documents/*|/Documents/notes.md|true",
                "/Documents/*|/Documents/old/draft.txt|false",
                "Documents/*.md|/Documents/notes.md|true",
                "/**/deep.txt|/deep.txt|true",
                "/**/deep.txt|/a/b/c/deep.txt|true",
                "/a/**|/a|true",
                "/a/**|/ab|false",
                "/a/**/z|/a/x/y/z|true",
                "*|/⟨0xFF⟩⟨U+202E⟩x|true",
                "*⟨0xFF⟩*|/bad_⟨0xFF⟩⟨0xFE⟩_utf8.txt|true",
                "?|/ü|true",
            })
    void matches_asTheDocumentedSyntaxSays(String glob, String path, boolean expected) {
        assertThat(Glob.parse(glob).matches(path)).as(glob + " on " + path).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[abc", "{a,b", "x\\", "/", "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}"})
    void parse_refusesMalformedPatternsAsUsageErrors(String glob) {
        assertThatThrownBy(() -> Glob.parse(glob))
                .isInstanceOfSatisfying(
                        ExhibitException.class, e -> assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE))
                .hasMessageContaining("--path pattern");
    }

    /** A pattern that makes a backtracking regular expression exponential is matched in linear steps here. */
    @Test
    void matches_staysFastOnPathologicalPatterns() {
        Glob g = Glob.parse("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        String name = "/" + "a".repeat(255);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(g.matches(name)).isFalse();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    /** Random patterns and paths: a pattern parses or is a usage error; matching never throws. */
    @Test
    void fuzz_anyPatternParsesOrIsAUsageError() {
        String alphabet = "ab/*?[]!-{},\\.⟨é";
        SplittableRandom random = new SplittableRandom(0x676c6f62L);
        int parsed = 0;
        for (int round = 0; round < 50_000; round++) {
            String glob = text(random, alphabet, 1 + random.nextInt(24));
            String path = "/" + text(random, "ab/.é*?", random.nextInt(30));
            try {
                Glob g = Glob.parse(glob);
                g.matches(path);
                parsed++;
            } catch (ExhibitException e) {
                assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE);
            }
        }
        assertThat(parsed).isGreaterThan(1000);
    }

    private static String text(SplittableRandom random, String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
