package dev.ticketkit.connectors.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.connectors.webhook.internal.JsonPayloads;
import dev.ticketkit.core.Channel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Supplies the access token WeChat's server APIs need. Implementations are thread-safe. Tokens are secrets:
 * never log them.
 */
public interface AccessTokenProvider {

    /**
     * The current token.
     *
     * @throws ChannelException if no token can be had: retryable ({@link Reason#UNAVAILABLE}) if WeChat could not be
     *                          reached or was busy, not retryable ({@link Reason#CONFIGURATION}) if it refused the
     *                          app's credentials
     */
    String accessToken();

    /**
     * Tells the provider WeChat refused {@code token} as invalid or expired, so the next call fetches a new one.
     * Default: nothing.
     */
    default void invalidate(String token) {
    }

    /** A fixed token (from the host's own token service, or a test). */
    static AccessTokenProvider fixed(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is blank");
        }
        return () -> token;
    }

    /**
     * Fetches tokens from WeChat's {@code POST /cgi-bin/stable_token} with the app's id and secret and keeps each
     * until five minutes before it expires (or until {@linkplain #invalidate invalidated}). With several nodes,
     * prefer one shared token service: WeChat limits how often tokens may be fetched.
     *
     * @param transport the HTTP client
     * @param apiBase   the API root, normally {@code https://api.weixin.qq.com}
     * @param appId     the app id
     * @param appSecret the app secret
     * @param clock     the clock for expiry
     */
    static AccessTokenProvider stable(HttpTransport transport, URI apiBase, String appId, String appSecret, Clock clock) {
        return new Stable(transport, apiBase, appId, appSecret, clock);
    }

    /** See {@link #stable}. */
    final class Stable implements AccessTokenProvider {
        private static final Duration MARGIN = Duration.ofMinutes(5);
        private final HttpTransport transport;
        private final URI uri;
        private final byte[] request;
        private final Clock clock;
        private String token;
        private Instant expires = Instant.MIN;

        private Stable(HttpTransport transport, URI apiBase, String appId, String appSecret, Clock clock) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.uri = Objects.requireNonNull(apiBase, "apiBase").resolve("/cgi-bin/stable_token");
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(appSecret, "appSecret");
            this.clock = Objects.requireNonNull(clock, "clock");
            var body = JsonPayloads.mapper().createObjectNode()
                    .put("grant_type", "client_credential").put("appid", appId).put("secret", appSecret);
            this.request = body.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized String accessToken() {
            Instant now = clock.instant();
            if (token != null && now.isBefore(expires)) {
                return token;
            }
            HttpTransport.Response r;
            try {
                r = transport.post(uri, Map.of("Content-Type", "application/json"), request);
            } catch (IOException e) {
                throw new ChannelException(Reason.UNAVAILABLE, "WECHAT access token request failed", null, true);
            }
            if (!r.ok()) {
                throw new ChannelException(Reason.UNAVAILABLE, "WECHAT access token request answered HTTP " + r.status(),
                        null, true);
            }
            JsonNode json;
            try {
                json = JsonPayloads.jsonObject(Channel.WECHAT, r.body());
            } catch (ChannelException e) {
                throw new ChannelException(Reason.UNAVAILABLE, "WECHAT access token answer is not JSON", null, true);
            }
            String t = json.path("access_token").asText("");
            long expiresIn = json.path("expires_in").asLong(0);
            if (t.isBlank() || expiresIn <= 0) {
                // errcode only: the answer names no secret. -1 is "busy"; the others (app id or secret refused, caller IP
                // not allowed, quota used up) need an administrator.
                boolean busy = json.path("errcode").asInt(0) == -1;
                throw new ChannelException(busy ? Reason.UNAVAILABLE : Reason.CONFIGURATION,
                        "WECHAT access token refused, errcode " + json.path("errcode").asInt(0), null, busy);
            }
            token = t;
            Duration life = Duration.ofSeconds(expiresIn);
            expires = now.plus(life.compareTo(MARGIN.multipliedBy(2)) > 0 ? life.minus(MARGIN) : life.dividedBy(2));
            return token;
        }

        @Override
        public synchronized void invalidate(String refused) {
            if (refused != null && refused.equals(token)) {
                token = null;
            }
        }

        @Override
        public String toString() {
            return "AccessTokenProvider.stable[" + uri + "]";
        }
    }
}
