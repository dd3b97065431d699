package dev.ticketkit.connectors.marketplace;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.IdentityType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** The marketplaces the kit knows: their channel, buyer identity type, signature and timestamp format. */
public enum Marketplace {
    /** Taobao and Tmall (TOP); {@code sign_method} {@code md5} (default), {@code hmac} or {@code hmac-sha256}. */
    TAOBAO(Channel.TAOBAO, IdentityType.TAOBAO_BUYER),
    /** JD (JOS), MD5. */
    JD(Channel.JD, IdentityType.JD_BUYER),
    /** Pinduoduo, MD5; timestamps in Unix seconds. */
    PINDUODUO(Channel.PINDUODUO, IdentityType.PINDUODUO_BUYER);

    /** The platforms write local timestamps in China Standard Time. */
    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Channel channel;
    private final IdentityType buyerType;

    Marketplace(Channel channel, IdentityType buyerType) {
        this.channel = channel;
        this.buyerType = buyerType;
    }

    /** The channel its messages are on. */
    public Channel channel() {
        return channel;
    }

    /** The identity type of its buyers. */
    public IdentityType buyerType() {
        return buyerType;
    }

    /**
     * Signs parameters as this platform does.
     *
     * @throws IllegalArgumentException for Taobao with an unknown {@code sign_method}
     */
    public String sign(Map<String, String> params, String secret) {
        return switch (this) {
            case TAOBAO -> switch (params.getOrDefault("sign_method", "md5")) {
                case "md5" -> MarketplaceSigning.taobaoMd5(params, secret);
                case "hmac" -> MarketplaceSigning.taobaoHmacMd5(params, secret);
                case "hmac-sha256" -> MarketplaceSigning.taobaoHmacSha256(params, secret);
                default -> throw new IllegalArgumentException("unknown sign_method");
            };
            case JD -> MarketplaceSigning.jd(params, secret);
            case PINDUODUO -> MarketplaceSigning.pinduoduo(params, secret);
        };
    }

    /**
     * Reads a {@code timestamp} parameter: Unix seconds or milliseconds, or {@code yyyy-MM-dd HH:mm:ss} (with
     * optional fraction) in {@link #PLATFORM_ZONE}.
     */
    public Optional<Instant> timestamp(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.matches("\\d{9,10}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
        }
        if (v.matches("\\d{12,13}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
        }
        if (v.length() >= 19) {
            try {
                return Optional.of(LocalDateTime.parse(v.substring(0, 19), LOCAL).atZone(PLATFORM_ZONE).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
