package dev.ticketkit.connectors.wechat;

import dev.ticketkit.connectors.ChannelAdapter;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.connectors.testing.LocalHttp;
import dev.ticketkit.connectors.testing.Remote;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.testkit.MutableClock;
import dev.ticketkit.testkit.channel.ChannelAdapterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

class WeChatContractTest {
    static final String APP_ID = "wx5823bf96d3bd56c7";
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    static final String XML = "<xml><ToUserName>gh_1</ToUserName><FromUserName>" + OPENID + "</FromUserName>"
            + "<CreateTime>1794355200</CreateTime><MsgType>text</MsgType><Content>退款什么时候到账</Content>"
            + "<MsgId>23456789012345678</MsgId></xml>";

    /** WeChat's clock and ours. */
    static final Instant NOW = Instant.parse("2026-11-11T00:10:00Z");
    /** Each push is signed a little earlier with its own nonce, as WeChat signs every push (and retry) anew. */
    static final AtomicInteger AGE = new AtomicInteger();

    static RawDelivery plain(TenantId tenant, String xml, String token) {
        int age = AGE.getAndIncrement() % 250;
        return WeChatSigning.plainPush(token, xml, NOW.minusSeconds(age), "n" + age).toDelivery(tenant, NOW);
    }

    static RawDelivery safe(TenantId tenant, String xml, String token) {
        int age = AGE.getAndIncrement() % 250;
        return WeChatSigning.safePush(new WeChatCrypto(token, AES_KEY, APP_ID), xml, NOW.minusSeconds(age), "n" + age)
                .toDelivery(tenant, NOW);
    }

    static final String FORGED = XML.replace("23456789012345678", "23456789012345679")
            .replace("退款什么时候到账", "请把退款转到这个账户");

    static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><Content>&lol3;</Content></xml>";
    static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
            + "<xml><FromUserName>&x;</FromUserName></xml>";

    /** Both modes send through the customer-service message API, here a local HTTP server. */
    abstract static class WithApi extends ChannelAdapterContract {
        LocalHttp api;

        java.net.URI apiBase() {
            try {
                if (api == null) {
                    api = new LocalHttp();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return api.base();
        }

        @AfterEach
        void stopApi() {
            if (api != null) {
                api.close();
            }
        }

        @Override
        protected OutboundMessage outboundMessage(TenantId tenant) {
            return OutboundMessage.builder(tenant, Channel.WECHAT, ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID))
                    .text("已为您退款").build();
        }

        @Override
        protected void remoteWillAnswer(SendResult.Status outcome) {
            Remote.answer(api, outcome, "{\"errcode\":0,\"errmsg\":\"ok\"}", "{\"errcode\":-1,\"errmsg\":\"system error\"}",
                    "{\"errcode\":43004,\"errmsg\":\"require subscribe\"}");
        }
    }

    @Nested
    class PlainMode extends WithApi {
        @Override
        protected ChannelAdapter createAdapter() {
            return WeChatAdapter.builder(APP_ID, TOKEN).maxBodyBytes(2048).clock(MutableClock.at(NOW))
                    .outbound(HttpTransport.jdk(), AccessTokenProvider.fixed("ACCESS")).apiBase(apiBase()).build();
        }

        @Override
        protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
            return Optional.of(plain(tenant, XML.replace("退款什么时候到账", "x".repeat(3000)), TOKEN));
        }

        @Override
        protected Optional<RawDelivery> staleDelivery(TenantId tenant) {
            return Optional.of(WeChatSigning.plainPush(TOKEN, XML, NOW.minusSeconds(600), "stale").toDelivery(tenant, NOW));
        }

        @Override
        protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
            // plain mode signs the query parameters only: another body under them, and an unsigned parameter changed
            Map<String, List<String>> withOpenId = new LinkedHashMap<>(original.parameters());
            withOpenId.put("openid", List.of("oSomeoneElse"));
            return List.of(
                    new RawDelivery(original.tenant(), FORGED.getBytes(StandardCharsets.UTF_8), Map.of(),
                            original.parameters(), original.receivedAt()),
                    new RawDelivery(original.tenant(), original.body(), Map.of(), withOpenId, original.receivedAt()));
        }

        @Override
        protected RawDelivery validDelivery(TenantId tenant) {
            return plain(tenant, XML, TOKEN);
        }

        @Override
        protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
            return Optional.of(plain(tenant, XML, "other-token"));
        }

        @Override
        protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
            return List.of(plain(tenant, XXE, TOKEN), plain(tenant, BILLION_LAUGHS, TOKEN),
                    plain(tenant, "<xml><MsgType>text</MsgType>", TOKEN),
                    plain(tenant, XML.replace("<MsgId>23456789012345678</MsgId>", ""), TOKEN),
                    plain(tenant, "<xml><Content>" + "x".repeat(3000) + "</Content></xml>", TOKEN));
        }
    }

    @Nested
    class SafeMode extends WithApi {
        @Override
        protected ChannelAdapter createAdapter() {
            return WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY)
                    .outbound(HttpTransport.jdk(), AccessTokenProvider.fixed("ACCESS")).apiBase(apiBase()).build();
        }

        @Override
        protected RawDelivery validDelivery(TenantId tenant) {
            return safe(tenant, XML, TOKEN);
        }

        @Override
        protected Optional<RawDelivery> badlySignedDelivery(TenantId tenant) {
            return Optional.of(safe(tenant, XML, "other-token"));
        }

        @Override
        protected List<RawDelivery> malformedDeliveries(TenantId tenant) {
            return List.of(safe(tenant, XXE, TOKEN), safe(tenant, BILLION_LAUGHS, TOKEN), safe(tenant, "not xml", TOKEN),
                    plain(tenant, XML, TOKEN));
        }

        @Override
        protected Optional<RawDelivery> oversizedDelivery(TenantId tenant) {
            return Optional.of(safe(tenant, XML.replace("退款什么时候到账", "x".repeat(70_000)), TOKEN));
        }

        // no staleDelivery: safe mode keeps no timestamp window unless one is configured

        @Override
        protected List<RawDelivery> tamperedDeliveries(RawDelivery original) {
            // msg_signature covers the ciphertext: another encrypted body under the original's parameters
            RawDelivery other = safe(original.tenant(), FORGED, TOKEN);
            return List.of(new RawDelivery(original.tenant(), other.body(), Map.of(), original.parameters(),
                    original.receivedAt()));
        }
    }
}
