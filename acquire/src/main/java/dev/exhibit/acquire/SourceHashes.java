package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.image.ewf.EwfInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hashes an E01 source stores (MD5, SHA-1), compared with those of the media just acquired from it: the one check
 * that the set is what its maker wrote. The {@code source-hashes} record holds both and the verdict.
 *
 * @param verdict {@code match}, {@code mismatch} or {@code none-stored}
 * @param summary one line for people: what the source stores and whether it is what its media give
 */
record SourceHashes(ObjectNode record, String verdict, String summary) {

    /** Null when the source is not an E01 set. */
    static SourceHashes of(SourceDevice source, Map<HashAlgorithm, String> computed) {
        EwfInfo info = source.ewfInfo();
        if (info == null) {
            return null;
        }
        ObjectNode r = Jcs.object();
        r.put("source", source.path().toString());
        ObjectNode stored = r.putObject("stored");
        ObjectNode got = r.putObject("computed");
        List<String> differ = new ArrayList<>();
        compare("MD5", HashAlgorithm.MD5, info.storedMd5(), computed, stored, got, differ);
        compare("SHA-1", HashAlgorithm.SHA1, info.storedSha1(), computed, stored, got, differ);
        String stores = info.storedSha1() == null ? "MD5" : info.storedMd5() == null ? "SHA-1" : "MD5 and SHA-1";
        String verdict;
        String summary;
        if (info.storedMd5() == null && info.storedSha1() == null) {
            verdict = "none-stored";
            summary = "the source E01 " + source.path() + " stores no hash of its media: nothing vouches that it is"
                    + " what its maker wrote";
        } else if (!differ.isEmpty()) {
            verdict = "mismatch";
            summary = "the source E01 " + source.path() + " stores " + String.join(" and ", differ)
                    + ": its media are not what its maker hashed (the set was changed or damaged since)";
        } else {
            verdict = "match";
            summary = "the " + stores + " the source E01 stores " + (stores.contains(" and ") ? "are those" : "is that")
                    + " of its media";
        }
        r.put("verdict", verdict);
        return new SourceHashes(r, verdict, summary);
    }

    private static void compare(
            String name,
            HashAlgorithm a,
            String stored,
            Map<HashAlgorithm, String> computed,
            ObjectNode storedOut,
            ObjectNode computedOut,
            List<String> differ) {
        String now = computed.get(a);
        if (stored == null) {
            storedOut.putNull(a.id());
        } else {
            storedOut.put(a.id(), stored);
        }
        if (now != null) {
            computedOut.put(a.id(), now);
        }
        if (stored != null && now != null && !stored.equals(now)) {
            differ.add(name + " " + stored + " where its media give " + now);
        }
    }
}
