package dev.exhibit.analyze.vs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GptTypesTest {
    /** Every type Exhibit names is named as util-linux names it ({@code sfdisk --label gpt -T}). */
    @Test
    void names_areTheOnesFdiskGives() {
        Map<String, String> fdisk = new HashMap<>();
        for (String line :
                Proc.run("sfdisk", "--label", "gpt", "-T").ok().stdout().split("\n")) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && f[0].length() == 36) {
                fdisk.put(f[0].toUpperCase(java.util.Locale.ROOT), f[1]);
            }
        }
        assertThat(GptTypes.all()).isNotEmpty();
        GptTypes.all()
                .forEach((guid, name) -> assertThat(fdisk.get(guid)).as(guid).isEqualTo(name));
    }
}
