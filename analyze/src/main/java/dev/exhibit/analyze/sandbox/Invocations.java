package dev.exhibit.analyze.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** An {@link Invocation} back from its JSON, as the supervisor passes it to the worker. */
final class Invocations {
    private Invocations() {}

    static Invocation parse(String json) {
        JsonNode i;
        try {
            i = Jcs.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Invocation(
                i.path("tool").asText(),
                i.path("version").asText(),
                i.path("commit").asText(),
                i.path("dirty").asText(),
                i.path("commandLine").asText(),
                i.path("host").asText(),
                i.path("os").asText(),
                i.path("user").asText(),
                i.path("java").asText(),
                i.path("hostTimeZone").asText(),
                i.path("pid").asLong(),
                Instant.parse(i.path("started").asText()));
    }
}
