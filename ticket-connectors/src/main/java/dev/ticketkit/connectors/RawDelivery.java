package dev.ticketkit.connectors;

import dev.ticketkit.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One delivery as it reached the host, before any check: the raw body and the transport's metadata. The host
 * builds it from whatever received the delivery (an HTTP request for a webhook, WeChat push or chat widget;
 * raw MIME from its mail system) and knows which tenant it belongs to (usually from the URL or mailbox).
 *
 * <p>Header names are case-insensitive (stored lower-case); query parameters are case-sensitive. The body
 * array is not copied: don't change it after handing it over. {@link #toString()} shows sizes only.
 *
 * @param tenant      the tenant the delivery is for
 * @param body        the raw bytes exactly as received (signatures are computed over them)
 * @param headers     transport headers, lower-case names to values in order received
 * @param parameters  URL query parameters (WeChat signs {@code timestamp}, {@code nonce} and
 *                    {@code msg_signature} there), names to values
 * @param receivedAt  when the host received it
 */
public record RawDelivery(TenantId tenant, byte[] body, Map<String, List<String>> headers,
                          Map<String, List<String>> parameters, Instant receivedAt) {

    public RawDelivery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(body, "body");
        headers = copy(Objects.requireNonNull(headers, "headers"), true);
        parameters = copy(Objects.requireNonNull(parameters, "parameters"), false);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> in, boolean lower) {
        Map<String, List<String>> out = new TreeMap<>();
        in.forEach((k, v) -> {
            Objects.requireNonNull(k, "name");
            Objects.requireNonNull(v, "values");
            String key = lower ? k.toLowerCase(Locale.ROOT) : k;
            out.computeIfAbsent(key, x -> new ArrayList<>()).addAll(v);
        });
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    /** A delivery with a body only (raw MIME handed over by the host). */
    public static RawDelivery of(TenantId tenant, byte[] body, Instant receivedAt) {
        return new RawDelivery(tenant, body, Map.of(), Map.of(), receivedAt);
    }

    /** A delivery with a body and headers (a webhook). */
    public static RawDelivery of(TenantId tenant, byte[] body, Map<String, List<String>> headers, Instant receivedAt) {
        return new RawDelivery(tenant, body, headers, Map.of(), receivedAt);
    }

    /** The first value of a header (any case), if present. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> parameter(String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Sizes only: never the body or header values. */
    @Override
    public String toString() {
        return "RawDelivery[tenant=" + tenant + " bytes=" + body.length + " headers=" + headers.size() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
