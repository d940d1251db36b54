package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeNamesTest {
    private static String safe(String s) {
        return SafeNames.component(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void component_keepsOrdinaryNames() {
        assertThat(safe("Quarterly report 2024.txt")).isEqualTo("Quarterly report 2024.txt");
        assertThat(safe("Grüße aus Köln.txt")).isEqualTo("Grüße aus Köln.txt");
        assertThat(safe(" leading space")).isEqualTo(" leading space");
    }

    @Test
    void component_percentEncodesWhatCouldHarmOrNotBeStored() {
        assertThat(safe("..\\..\\Windows\\evil.dll")).isEqualTo("..%5C..%5CWindows%5Cevil.dll");
        assertThat(safe("line1\nline2.txt")).isEqualTo("line1%0Aline2.txt");
        assertThat(safe("\u001b[31mred")).isEqualTo("%1B[31mred");
        assertThat(safe("invoice\u202Etxt.exe")).isEqualTo("invoice%E2%80%AEtxt.exe");
        assertThat(safe("javascript:alert(1)")).isEqualTo("javascript%3Aalert(1)");
        assertThat(safe("100%")).isEqualTo("100%25");
        assertThat(safe("trailing. ")).isEqualTo("trailing.%20");
        assertThat(safe("..")).isEqualTo("%2E%2E");
        assertThat(safe(".")).isEqualTo("%2E");
        assertThat(SafeNames.component(new byte[] {'b', (byte) 0xff, (byte) 0xfe}))
                .isEqualTo("b%FF%FE");
    }

    @Test
    void component_cutsOverlongNamesAndKeepsThemApart() {
        String a = SafeNames.component("x".repeat(300).getBytes(StandardCharsets.UTF_8));
        String b = SafeNames.component(("x".repeat(299) + "y").getBytes(StandardCharsets.UTF_8));
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeNames.MAX_NAME_BYTES);
        assertThat(a).isNotEqualTo(b).contains("~");
        String escapes = SafeNames.component(new byte[200]);
        assertThat(escapes.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeNames.MAX_NAME_BYTES);
        assertThat(escapes).matches("(%00)+~[0-9a-f]{16}");
    }
}
