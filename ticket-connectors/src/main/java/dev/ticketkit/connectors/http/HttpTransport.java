package dev.ticketkit.connectors.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one HTTP POST and returns the answer. Implementations are thread-safe; an I/O failure (timeout, refused
 * connection) is an {@link IOException}, which outbound channels treat as retryable.
 */
@FunctionalInterface
public interface HttpTransport {

    /** Default time limit for connecting and for the whole request of {@link #jdk()}. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Posts {@code body} to {@code uri}.
     *
     * @param uri     the target
     * @param headers request headers (such as {@code Content-Type})
     * @param body    the request body
     * @return the status and body of the answer, whatever the status
     * @throws IOException if no answer came (timeout, connection failure)
     */
    Response post(URI uri, Map<String, String> headers, byte[] body) throws IOException;

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param body   the response body (not copied)
     */
    record Response(int status, byte[] body) {
        public Response {
            Objects.requireNonNull(body, "body");
        }

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A transport on a new JDK {@link HttpClient} with {@link #DEFAULT_TIMEOUT}. */
    static HttpTransport jdk() {
        return jdk(HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), DEFAULT_TIMEOUT);
    }

    /**
     * A transport on the given JDK client.
     *
     * @param client  the client (not closed by TicketKit)
     * @param timeout the time limit of each request
     */
    static HttpTransport jdk(HttpClient client, Duration timeout) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return (uri, headers, body) -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            try {
                HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(r.statusCode(), r.body() == null ? new byte[0] : r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            }
        };
    }
}
