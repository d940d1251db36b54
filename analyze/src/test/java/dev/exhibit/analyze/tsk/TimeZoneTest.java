package dev.exhibit.analyze.tsk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FAT times go through mktime(): the binding must read them as UTC whatever zone the examiner's machine is in. */
class TimeZoneTest {
    @Test
    void fatTimes_areReadAsUtcUnderAnyHostZone() throws Exception {
        Path image = TestImages.get("fat12");
        List<String> command = new ArrayList<>(List.of(
                "env",
                "TZ=America/New_York",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BodyfileMain.class.getName(),
                image.toString()));
        Proc.Result r = Proc.run(null, command).ok();
        assertThat(Tsk.bytes(r.stdout())).isEqualTo(Tsk.bodyfile(image, 0, null));
        // and the host zone does change what fls itself prints
        String newYork = Proc.run("env", "TZ=America/New_York", "fls", "-r", "-m", "/", image.toString())
                .ok()
                .stdout();
        assertThat(Tsk.bytes(newYork)).isNotEqualTo(Tsk.bodyfile(image, 0, null));
    }
}
