package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The factual description of the process for each item, in plain sentences derived from the record (which
 * algorithm, when, by which tool, with what result), for the examiner to certify. Conclusions are left out on
 * purpose: a certification of digital identification (FRE 902(14)) must describe the process, not vouch for it.
 */
final class Statements {
    private Statements() {}

    /**
     * One group per item, {@code {"item": id, "facts": [...]}}, then one about the case ({@code "item": null}): short
     * sentences, numbered on the page, each hash value stated once.
     */
    static ArrayNode of(JsonNode record) {
        ArrayNode out = Jcs.mapper().createArrayNode();
        for (JsonNode item : record.path("evidence")) {
            group(out, item.path("id").asText(), item(item.path("id").asText(), item));
        }
        JsonNode log = record.path("custody").path("log");
        group(
                out,
                null,
                List.of("The custody log " + log.path("file").asText() + " holds "
                        + log.path("records").asLong()
                        + " events covered by this record; the SHA-256 of its last covered line is "
                        + log.path("headHash").asText() + "."));
        return out;
    }

    private static void group(ArrayNode out, String item, List<String> facts) {
        ObjectNode g = out.addObject();
        if (item == null) {
            g.putNull("item");
        } else {
            g.put("item", item);
        }
        ArrayNode list = g.putArray("facts");
        facts.forEach(list::add);
    }

    private static List<String> item(String id, JsonNode item) {
        JsonNode acq = item.path("acquisition");
        if (item.path("log").isNull()) {
            return List.of("The case holds no acquisition log for item " + id + ".");
        }
        JsonNode source = item.path("identity").path("source");
        List<String> s = new ArrayList<>();
        s.add("Item " + id + " was acquired from " + source.path("path").asText()
                + device(item.path("identity").path("device")) + " by "
                + CommandLines.tool(acq.path("invocation")) + ", started "
                + acq.path("started").asText()
                + (acq.path("ended").isNull()
                        ? ""
                        : " and ended " + acq.path("ended").asText())
                + "; the acquisition is " + acq.path("status").asText() + ".");
        if (!acq.path("bytesAcquired").isNull()) {
            s.add(written(acq.path("bytesAcquired").asText(), item.path("image")));
        }
        JsonNode bad = item.path("badSectors");
        if (bad.path("count").asLong() > 0) {
            s.add(bad.path("count").asText() + " sectors could not be read; they are listed in "
                    + bad.path("ranges").size() + " range(s) and were filled as each range states.");
        }
        int acquired = 0;
        Map<String, List<JsonNode>> rereads = new LinkedHashMap<>();
        for (JsonNode h : item.path("hashes")) {
            String scope = h.path("scope").asText();
            if (scope.equals("acquired")) {
                acquired++;
                s.add("The " + name(h) + " of the bytes read during acquisition is "
                        + h.path("value").asText() + ".");
            } else {
                rereads.computeIfAbsent(scope + " at " + h.path("computedAt").asText(), k -> new ArrayList<>())
                        .add(h);
            }
        }
        JsonNode stored = item.path("image").path("storedHashes");
        if (stored.isObject()) {
            s.add(stored(stored));
        }
        rereads.forEach((when, hashes) -> s.add(reread(when, hashes)));
        if (rereads.isEmpty() && acquired > 0) {
            s.add("No re-read of the image or the source is recorded.");
        }
        kept(item, s);
        return s;
    }

    /**
     * Where the acquired bytes went. A raw image holds them as they are; an E01 set holds them compressed in files
     * of other sizes, so saying they were written to image.E01 would give the file a size it does not have.
     */
    private static String written(String bytes, JsonNode image) {
        List<String> files = texts(image.path("files"));
        if (!"e01".equals(image.path("format").asText())) {
            return bytes + " bytes were written to " + String.join(", ", files) + ".";
        }
        long fileBytes = 0;
        for (JsonNode seg : image.path("segments")) {
            fileBytes += seg.path("fileBytes").asLong();
        }
        return bytes + " bytes of media were stored, compressed, in the E01 set " + String.join(", ", files) + " ("
                + files.size() + (files.size() == 1 ? " segment file of " : " segment files of ") + fileBytes
                + " bytes in all).";
    }

    /**
     * What the E01 set stores as its own hashes. When they are the acquired ones the values were stated just before,
     * so they are not stated again; when they differ, they are.
     */
    private static String stored(JsonNode stored) {
        String where = "The E01 set " + stored.path("file").asText() + " stores ";
        String how = " in its own hash sections, read back when it was finished";
        if (stored.path("verdict").asText().equals(Hashes.MATCH)) {
            return where + "the same MD5 and SHA-1" + how + ".";
        }
        return where + "MD5 " + stored.path("md5").asText() + " and SHA-1 "
                + stored.path("sha1").asText() + how + "; they are NOT the hashes computed while acquiring.";
    }

    /** The kept analysis files, each with its SHA-256, and what the hash-set lookups counted. */
    private static void kept(JsonNode item, List<String> s) {
        for (JsonNode f : item.path("analysisFiles")) {
            s.add("The analysis file " + f.path("file").asText() + " ("
                    + f.path("bytes").asText() + " bytes) has SHA-256 "
                    + f.path("sha256").asText() + ".");
        }
        JsonNode h = item.path("hashSets");
        if (h.isObject()) {
            List<String> sets = new ArrayList<>();
            for (JsonNode set : h.path("sets")) {
                sets.add(set.path("name").asText() + " (" + set.path("kind").asText() + ")");
            }
            JsonNode c = h.path("counts");
            s.add("The digests of " + c.path("hashedStreams").asText() + " data streams were looked up in "
                    + (sets.isEmpty() ? "no hash set" : "the hash sets " + and(sets)) + ": "
                    + c.path("knownStreams").asText() + " are in known sets only, "
                    + c.path("notableStreams").asText() + " in a notable set.");
        }
    }

    /** {@code An image re-read at T gave the same MD5 and SHA-256.}, naming only values that differ. */
    private static String reread(String when, List<JsonNode> hashes) {
        List<String> same = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (JsonNode h : hashes) {
            switch (h.path("verdict").asText()) {
                case Hashes.MATCH -> same.add(name(h));
                case Hashes.MISMATCH ->
                    other.add(name(h) + " " + h.path("value").asText());
                default -> other.add(name(h) + " " + h.path("value").asText() + " (not compared)");
            }
        }
        String what = when.replaceFirst("-reread", " re-read");
        StringBuilder b = new StringBuilder(what.startsWith("image") ? "An " : "A ").append(what);
        if (!same.isEmpty()) {
            b.append(" gave the same ").append(and(same));
        }
        if (!other.isEmpty()) {
            b.append(same.isEmpty() ? " gave " : "; it gave ")
                    .append(String.join("; ", other))
                    .append(other.size() == 1 ? ", which does NOT match" : ", which do NOT match");
        }
        return b.append(".").toString();
    }

    private static String name(JsonNode h) {
        String up = h.path("algorithm").asText().toUpperCase(Locale.ROOT);
        return up.matches("SHA\\d+") ? "SHA-" + up.substring(3) : up;
    }

    private static String and(List<String> names) {
        return names.size() == 1
                ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code " (Kingston DataTraveler 3.0, serial 60A4...)"} with what the device reported, or nothing. */
    private static String device(JsonNode device) {
        List<String> parts = new ArrayList<>();
        String name = (known(device, "vendor") + " " + known(device, "model")).strip();
        if (!name.isEmpty()) {
            parts.add(name);
        }
        if (!known(device, "serial").isEmpty()) {
            parts.add("serial " + known(device, "serial"));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String known(JsonNode device, String field) {
        String v = device.path(field).asText("").strip();
        return v.equals(EvidenceItems.UNKNOWN) ? "" : v;
    }
}
