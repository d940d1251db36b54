package dev.exhibit.analyze.tsk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import org.junit.jupiter.api.Test;

class LibtskTest {
    @Test
    void version_isTheOneTheLayoutsDescribe() {
        assertThat(Libtsk.version()).startsWith(Libtsk.SUPPORTED_SERIES);
        assertThat(Libtsk.version())
                .isEqualTo(Proc.run("mmls", "-V").ok().stdout().strip().replaceAll(".* ", ""));
    }

    @Test
    void typeLetters_areTheOnesFlsPrints() {
        assertThat(new String(
                        Calls.typeLetters("tsk_fs_name_type_str", 12), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("-pcdbrlshwvV");
        assertThat(new String(
                        Calls.typeLetters("tsk_fs_meta_type_str", 12), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("-rd");
    }
}
