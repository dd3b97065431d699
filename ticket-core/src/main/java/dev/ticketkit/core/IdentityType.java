package dev.ticketkit.core;

import java.util.regex.Pattern;

/**
 * The kind of a customer's channel identity. Open set: integrators add their own
 * ({@code IdentityType.of("DOUYIN_OPENID")}).
 */
public record IdentityType(String name) {
    private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public static final IdentityType EMAIL = new IdentityType("EMAIL");
    public static final IdentityType PHONE = new IdentityType("PHONE");
    public static final IdentityType WECHAT_OPENID = new IdentityType("WECHAT_OPENID");
    public static final IdentityType WECHAT_UNIONID = new IdentityType("WECHAT_UNIONID");
    public static final IdentityType TAOBAO_BUYER = new IdentityType("TAOBAO_BUYER");
    public static final IdentityType JD_BUYER = new IdentityType("JD_BUYER");
    public static final IdentityType PINDUODUO_BUYER = new IdentityType("PINDUODUO_BUYER");
    public static final IdentityType SHOPIFY_CUSTOMER = new IdentityType("SHOPIFY_CUSTOMER");
    /** The host application's own customer id (ERP/CRM). */
    public static final IdentityType EXTERNAL_ID = new IdentityType("EXTERNAL_ID");

    public IdentityType {
        Checks.token(name, "identity type", VALID);
    }

    public static IdentityType of(String name) {
        return new IdentityType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
