package dev.exhibit.analyze.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
    @Test
    void extension_isTheAsciiTextAfterTheLastDot() {
        assertThat(MediaTypes.extension(bytes("photo.JPG"))).isEqualTo("JPG");
        assertThat(MediaTypes.extension(bytes("archive.tar.gz"))).isEqualTo("gz");
        assertThat(MediaTypes.extension(bytes(".bashrc"))).isNull();
        assertThat(MediaTypes.extension(bytes("README"))).isNull();
        assertThat(MediaTypes.extension(bytes("trailing."))).isNull();
        assertThat(MediaTypes.extension(bytes("a.b c"))).isNull();
        assertThat(MediaTypes.extension(bytes("invoice\u202Etxt.exe"))).isEqualTo("exe");
        assertThat(MediaTypes.extension(new byte[] {'x', '.', (byte) 0xFF})).isNull();
    }

    @Test
    void detect_contentDecides_theNameIsOnlyCompared() {
        MediaTypes types = MediaTypes.load();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1};
        assertThat(types.detect(jpeg, jpeg.length, bytes("x.txt")))
                .isEqualTo(new MediaTypes.Detection("image/jpeg", "text/plain", true));
        assertThat(types.detect(jpeg, jpeg.length, bytes("x.jpeg")))
                .isEqualTo(new MediaTypes.Detection("image/jpeg", "image/jpeg", false));
        // an empty stream and a name without extension contradict nothing
        assertThat(types.detect(new byte[0], 0, bytes("x.jpg")).extensionMismatch())
                .isFalse();
        assertThat(types.detect(jpeg, jpeg.length, bytes("thumbnail")).extensionMismatch())
                .isFalse();
        // text under a name Tika knows only as text-like: the same family
        byte[] text = bytes("<html><body>hello</body></html>\n");
        assertThat(types.detect(text, text.length, bytes("page.txt")).extensionMismatch())
                .isFalse();
    }

    /** Hostile names and contents: never an exception, always a type, extensions only of safe ASCII. */
    @Test
    void fuzz_randomNamesAndContents() {
        MediaTypes types = MediaTypes.load();
        SplittableRandom random = new SplittableRandom(20261207);
        for (int i = 0; i < 2000; i++) {
            byte[] name = new byte[random.nextInt(40)];
            random.nextBytes(name);
            if (name.length > 2 && random.nextBoolean()) {
                name[name.length - 1 - random.nextInt(Math.min(5, name.length - 1))] = '.';
            }
            byte[] head = new byte[random.nextInt(4096)];
            random.nextBytes(head);
            MediaTypes.Detection d = types.detect(head, random.nextInt(head.length + 1), name);
            assertThat(d.mediaType()).isNotBlank();
            String ext = MediaTypes.extension(name);
            if (ext != null) {
                assertThat(ext).matches("[A-Za-z0-9_+-]{1,16}");
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
