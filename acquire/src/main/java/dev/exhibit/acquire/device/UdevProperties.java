package dev.exhibit.acquire.device;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What udev recorded about a device in its database, {@code /run/udev/data/bMAJOR:MINOR}: the {@code E:KEY=VALUE}
 * properties (ID_SERIAL_SHORT, ID_BUS, ID_MODEL_ENC, ...). Empty when udev does not run or never saw the device.
 */
public final class UdevProperties {
    private static final Path DATABASE = Path.of("/run/udev/data");

    private final Map<String, String> properties;

    private UdevProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public static UdevProperties of(BlockDevice device) throws IOException {
        return read(DATABASE.resolve("b" + device.devNumber()));
    }

    static UdevProperties read(Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (line.startsWith("E:") && eq > 2) {
                    properties.put(line.substring(2, eq), line.substring(eq + 1));
                }
            }
        } catch (NoSuchFileException e) {
            // udev is not running here, or has not processed the device: nothing recorded.
        }
        return new UdevProperties(properties);
    }

    /** A property; for keys ending in {@code _ENC} the {@code \xNN} escapes udev writes are decoded. */
    public Optional<String> get(String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(key.endsWith("_ENC") ? decode(value).strip() : value.strip());
    }

    boolean isEmpty() {
        return properties.isEmpty();
    }

    static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 3 < in.length && in[i + 1] == 'x') {
                int hi = Character.digit(in[i + 2], 16);
                int lo = Character.digit(in[i + 3], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 3;
                    continue;
                }
            }
            out.write(in[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
