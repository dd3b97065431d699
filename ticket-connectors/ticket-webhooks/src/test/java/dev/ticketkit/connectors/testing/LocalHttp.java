package dev.ticketkit.connectors.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** A loopback HTTP server on a random port answering queued responses and recording requests. */
public final class LocalHttp implements AutoCloseable {
    /** A recorded request. */
    public record Request(String method, URI uri, String contentType, String body, java.util.Map<String, List<String>> headers) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public LocalHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    java.util.Map.copyOf(exchange.getRequestHeaders())));
            Answer a;
            synchronized (answers) {
                a = answers.isEmpty() ? new Answer(200, "{}") : answers.poll();
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    /** Queues the next answer. */
    public LocalHttp answer(int status, String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body));
        }
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
