package dev.exhibit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * util-linux's {@code sfdisk --json} as oracle for what a partition table records and how Linux numbers its
 * partitions ({@code image3}, {@code image5}): the MBR or GPT read by other code than libtsk's.
 */
public final class Sfdisk {
    private Sfdisk() {}

    /**
     * The table: {@code label} ({@code dos} or {@code gpt}), {@code id} (the disk signature {@code 0x45584842} or
     * the disk GUID) and the partitions in table order.
     */
    public record Table(String label, String id, List<Part> partitions) {
        /** The partition starting at {@code sector}, if the table has one. */
        public Optional<Part> at(long sector) {
            return partitions.stream().filter(p -> p.start() == sector).findFirst();
        }
    }

    /**
     * One partition: {@code number} as Linux numbers it, {@code type} the type byte in hex without {@code 0x}
     * ({@code e}) or the type GUID, {@code uuid} the unique GUID (GPT), {@code name} the GPT name.
     */
    public record Part(int number, long start, long size, String type, String uuid, String name, boolean bootable) {
        /** Exhibit's name for it: {@code p} and the Linux number. */
        public String exhibitName() {
            return "p" + number;
        }

        /** The MBR type byte as {@code 0x0e}. */
        public String typeByte() {
            return String.format(Locale.ROOT, "0x%02x", Integer.parseInt(type, 16));
        }
    }

    public static Table read(Path image) {
        // Proc decodes byte for byte as ISO-8859-1; sfdisk writes a GPT name ("Données exFAT") in UTF-8
        String json = new String(
                Proc.run("sfdisk", "--json", image.toString()).ok().stdout().getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        try {
            JsonNode t = new ObjectMapper().readTree(json).path("partitiontable");
            List<Part> parts = new ArrayList<>();
            for (JsonNode p : t.path("partitions")) {
                String node = p.path("node").asText();
                String digits = node.substring(image.toString().length());
                parts.add(new Part(
                        Integer.parseInt(digits),
                        p.path("start").asLong(),
                        p.path("size").asLong(),
                        p.path("type").asText(),
                        p.path("uuid").asText(null),
                        p.path("name").asText(null),
                        p.path("bootable").asBoolean(false)));
            }
            return new Table(t.path("label").asText(), t.path("id").asText(), List.copyOf(parts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
