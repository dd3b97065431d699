package dev.ticketkit.core;

import java.util.regex.Pattern;

/**
 * A channel a message arrives or leaves by. Open set: integrators name their own channels
 * ({@code Channel.of("DOUYIN")}); the constants are the channels TicketKit knows.
 *
 * @param name 1 to 32 characters of {@code [A-Z0-9_]}
 */
public record Channel(String name) {
    private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public static final Channel EMAIL = new Channel("EMAIL");
    public static final Channel WEB_CHAT = new Channel("WEB_CHAT");
    public static final Channel WEB_FORM = new Channel("WEB_FORM");
    public static final Channel APP = new Channel("APP");
    public static final Channel PHONE = new Channel("PHONE");
    public static final Channel WECHAT = new Channel("WECHAT");
    public static final Channel SHOPIFY = new Channel("SHOPIFY");
    public static final Channel TAOBAO = new Channel("TAOBAO");
    public static final Channel JD = new Channel("JD");
    public static final Channel PINDUODUO = new Channel("PINDUODUO");
    /** Tickets made through the Java API by the host application. */
    public static final Channel API = new Channel("API");
    /** Messages made by TicketKit itself (automations, rules). */
    public static final Channel INTERNAL = new Channel("INTERNAL");

    public Channel {
        Checks.token(name, "channel name", VALID);
    }

    public static Channel of(String name) {
        return new Channel(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
