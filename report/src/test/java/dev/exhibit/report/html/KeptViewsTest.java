package dev.exhibit.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The kept analyses of an item as the page shows them: names from their raw bytes, and a bounded list of hits. */
class KeptViewsTest {
    @Test
    void notableHits_showTheNameFromItsRawBytes_andStopAtTheLimitSayingHowManyMore() {
        ObjectNode item = Jcs.object();
        ObjectNode file = item.putArray("analysisFiles").addObject();
        file.put("file", "evidence/EV-1/analysis/hashsets.json");
        file.put("bytes", 2048);
        file.put("sha256", "ab".repeat(32));
        ObjectNode h = item.putObject("hashSets");
        h.putObject("counts").put("notableStreams", KeptViews.MAX_HITS_SHOWN + 1);
        ArrayNode hits = h.putArray("notable");
        for (int i = 0; i <= KeptViews.MAX_HITS_SHOWN; i++) {
            ObjectNode n = hits.addObject();
            n.put("path", "/bad_\uFFFD.txt");
            n.put("pathBytes", Base64.getEncoder().encodeToString(new byte[] {'/', 'b', 'a', 'd', '_', (byte) 0xFF}));
            n.put("sha256", "cd".repeat(32));
            n.putArray("hashsets").add("bad");
        }

        KeptViews.KeptView v = KeptViews.of(item);

        assertThat(v.directory().plain()).isEqualTo("evidence/EV-1/analysis/");
        assertThat(v.files().getFirst().name().plain()).isEqualTo("hashsets.json");
        assertThat(v.hashSets().hits()).hasSize(KeptViews.MAX_HITS_SHOWN);
        assertThat(v.hashSets().notShown()).isEqualTo(1);
        assertThat(v.hashSets().hits().getFirst().path().plain()).isEqualTo("/bad_⟨0xFF⟩");
        assertThat(v.hashSets().hits().getFirst().digests())
                .extracting(KeptViews.Digest::label)
                .containsExactly("SHA256");
    }

    @Test
    void anItemWithoutKeptAnalyses_hasNoSection() {
        assertThat(KeptViews.of(Jcs.object())).isNull();
    }
}
