package dev.ticketkit.connectors.webhook.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.internal.Payloads;
import dev.ticketkit.core.Channel;
import java.io.IOException;

/**
 * Reads untrusted JSON payloads: strict UTF-8, bounded nesting, string and number lengths, no duplicate keys, no
 * trailing tokens. Every failure is a non-retryable {@link ChannelException} ({@link Reason#MALFORMED}) whose
 * message names the check and the channel, never the payload (parser messages quote input, so they are not
 * chained). The JDK-only checks (body size, headers, parameters, XML) are {@link Payloads}.
 */
public final class JsonPayloads {
    /** Deepest JSON nesting accepted. */
    public static final int MAX_JSON_DEPTH = 64;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_JSON_DEPTH)
                            .maxStringLength(10_000_000)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonPayloads() {
    }

    /** The shared mapper for trusted output (building request bodies). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * Parses a JSON object.
     *
     * @throws ChannelException if the bytes are not one well-formed JSON object within the limits
     */
    public static JsonNode jsonObject(Channel channel, byte[] body) {
        JsonNode node;
        try {
            Payloads.utf8(channel, body);
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ChannelException(Reason.MALFORMED, channel + " delivery body is not well-formed JSON (at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new ChannelException(Reason.MALFORMED, channel + " delivery body could not be read as JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ChannelException(Reason.MALFORMED, channel + " delivery body is not a JSON object");
        }
        return node;
    }
}
