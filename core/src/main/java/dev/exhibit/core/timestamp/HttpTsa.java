package dev.exhibit.core.timestamp;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An RFC 3161 time-stamping authority reached over HTTP(S) (RFC 3161 §3.4: POST application/timestamp-query). */
public final class HttpTsa implements TsaTransport {
    /** A TSA answers in well under a second; a minute means it is down. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Responses are a few kilobytes; anything this large is not a time-stamp response. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final URI uri;

    public HttpTsa(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--tsa '" + uri + "' is not an http(s) URL or local:FILE.p12");
        }
        this.uri = uri;
    }

    @Override
    public byte[] exchange(byte[] requestDer) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/timestamp-query")
                .header("Accept", "application/timestamp-reply")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestDer))
                .build();
        HttpResponse<byte[]> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExhibitException(ExhibitException.Kind.INTERRUPTED, "interrupted while asking " + uri, e);
        } catch (IOException e) {
            throw ExhibitException.environment(
                    "time-stamping authority " + uri + " unreachable: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
        if (resp.statusCode() != 200) {
            throw ExhibitException.environment(
                    "time-stamping authority " + uri + " answered HTTP " + resp.statusCode(), null);
        }
        if (resp.body().length > MAX_RESPONSE_BYTES) {
            throw ExhibitException.environment(
                    "time-stamping authority " + uri + " sent " + resp.body().length
                            + " bytes, not a time-stamp response",
                    null);
        }
        return resp.body();
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    @Override
    public boolean untrusted() {
        return false;
    }
}
