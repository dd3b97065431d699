package dev.ticketkit.examples;

import com.sun.net.httpserver.HttpServer;
import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.channel.ChannelAdapterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/** The custom adapter passes the channel adapter contract. */
class ChatWidgetAdapterTest extends ChannelAdapterContract {
    static final String SECRET = "widget-secret";
    static final String BODY = "{\"session_id\":\"s-1\",\"message_id\":\"wm-9\",\"visitor\":{\"id\":\"v-7\",\"name\":\"Carol\","
            + "\"email\":\"carol@example.com\"},\"text\":\"Is the kettle in stock?\",\"sent_at\":\"2026-11-11T08:00:00Z\"}";

    HttpServer widgetApi;
    final AtomicInteger nextStatus = new AtomicInteger(200);

    @Override
    protected ChannelAdapter createAdapter() {
        if (widgetApi == null) {
            try {
                widgetApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            widgetApi.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(nextStatus.get(), -1);
                exchange.close();
            });
            widgetApi.start();
        }
        return new ChatWidgetAdapter(SECRET, URI.create("http://127.0.0.1:" + widgetApi.getAddress().getPort()), HttpTransport.jdk());
    }

    @AfterEach
    void stopApi() {
        if (widgetApi != null) {
            widgetApi.stop(0);
        }
    }

    RawDelivery delivery(TenantId tenant, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String sig = HexFormat.of().formatHex(new ChatWidgetAdapter(secret, URI.create("http://unused"), HttpTransport.jdk()).sign(bytes));
        return RawDelivery.of(tenant, bytes, Map.of("X-Widget-Signature", List.of("sha256=" + sig)), Instant.parse("2026-11-11T08:00:01Z"));
    }

    @Override
    protected RawDelivery validDelivery(TenantId tenant) {
        return delivery(tenant, BODY, SECRET);
    }

    @Override
    protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
        return Optional.of(delivery(tenant, BODY, "not-the-secret"));
    }

    @Override
    protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
        return List.of(delivery(tenant, "{\"session_id\":", SECRET),
                delivery(tenant, BODY.replace("\"text\":\"Is the kettle in stock?\",", ""), SECRET),
                delivery(tenant, BODY.replace("2026-11-11T08:00:00Z", "yesterday"), SECRET),
                RawDelivery.of(tenant, BODY.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.EPOCH));
    }

    @Override
    protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
        return Optional.of(delivery(tenant, BODY.replace("Is the kettle in stock?", "x".repeat(70_000)), SECRET));
    }

    @Override
    protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
        // the signature of the original on another body
        byte[] other = BODY.replace("wm-9", "wm-10").getBytes(StandardCharsets.UTF_8);
        return List.of(RawDelivery.of(original.tenant(), other, original.headers(), original.receivedAt()));
    }

    @Override
    protected OutboundMessage outboundMessage(TenantId tenant) {
        return OutboundMessage.builder(tenant, ChatWidgetAdapter.CHANNEL, ChannelIdentity.of(ChatWidgetAdapter.VISITOR, "v-7"))
                .conversationId("s-1").text("Yes, ships today.").build();
    }

    @Override
    protected void remoteWillAnswer(SendResult.Status outcome) {
        nextStatus.set(switch (outcome) {
            case DELIVERED -> 201;
            case RETRYABLE_FAILURE -> 503;
            case PERMANENT_FAILURE -> 404;
        });
    }
}
