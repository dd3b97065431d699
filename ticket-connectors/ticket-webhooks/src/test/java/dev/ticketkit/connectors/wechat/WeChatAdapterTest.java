package dev.ticketkit.connectors.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.connectors.OutboundMessage;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.connectors.SendResult;
import dev.ticketkit.connectors.http.HttpTransport;
import dev.ticketkit.connectors.intake.Intake;
import dev.ticketkit.connectors.intake.IntakeResult;
import dev.ticketkit.connectors.testing.LocalHttp;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.spi.TicketStore;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeChatAdapterTest {
    static final String APP_ID = "wx5823bf96d3bd56c7";
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final TenantId TENANT = TenantId.of("shop-1");
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    static final Instant NOW = Instant.parse("2026-11-11T00:00:00Z");

    final MutableClock clock = MutableClock.at(NOW);
    final WeChatAdapter plain = WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).build();

    static String text(String msgId, String content) {
        return "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[" + OPENID + "]]></FromUserName>"
                + "<CreateTime>1794355200</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    static String sha1Sorted(String... parts) {
        String[] p = parts.clone();
        Arrays.sort(p);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", p).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static RawDelivery plainPush(String xml, String token) {
        return plainPush(xml, token, "1794355200", "123456");
    }

    /** Signed on the test side, independently of {@link WeChatSigning}. */
    static RawDelivery plainPush(String xml, String token, String ts, String nonce) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("signature", List.of(sha1Sorted(token, ts, nonce)));
        q.put("timestamp", List.of(ts));
        q.put("nonce", List.of(nonce));
        q.put("openid", List.of(OPENID));
        return new RawDelivery(TENANT, xml.getBytes(StandardCharsets.UTF_8), Map.of(), q, NOW);
    }

    static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (ChannelException e) {
            return e.reason();
        }
        throw new AssertionError("no ChannelException");
    }

    static RawDelivery safePush(String xml) {
        WeChatCrypto crypto = new WeChatCrypto(TOKEN, AES_KEY, APP_ID);
        WeChatCrypto.Encrypted e = crypto.encrypt(xml, "1794355200", "nonce-1");
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("timestamp", List.of(e.timestamp()));
        q.put("nonce", List.of(e.nonce()));
        q.put("encrypt_type", List.of("aes"));
        q.put("msg_signature", List.of(e.msgSignature()));
        String envelope = "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><Encrypt><![CDATA[" + e.encrypted()
                + "]]></Encrypt></xml>";
        return new RawDelivery(TENANT, envelope.getBytes(StandardCharsets.UTF_8), Map.of(), q, NOW);
    }

    @Test
    void serverCheckEchoesOnlyWithAValidSignature() throws Exception {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("signature", List.of(sha1Sorted(TOKEN, "1409659813", "1372623149")));
        q.put("timestamp", List.of("1409659813"));
        q.put("nonce", List.of("1372623149"));
        q.put("echostr", List.of("5837397520355205473"));
        assertThat(plain.echo(new RawDelivery(TENANT, new byte[0], Map.of(), q, NOW))).isEqualTo("5837397520355205473");
        q.put("signature", List.of(sha1Sorted("other", "1409659813", "1372623149")));
        assertThatThrownBy(() -> plain.echo(new RawDelivery(TENANT, new byte[0], Map.of(), q, NOW)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("signature mismatch")
                .extracting(e -> ((ChannelException) e).reason()).isEqualTo(Reason.SIGNATURE);
        q.remove("echostr");
        assertThatThrownBy(() -> plain.echo(new RawDelivery(TENANT, new byte[0], Map.of(), q, NOW)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("echostr");
    }

    @Test
    void plainTextMessage() throws Exception {
        InboundMessage m = plain.parse(plainPush(text("1234567890123456", "退款什么时候到账？"), TOKEN)).get(0);
        assertThat(m.channel()).isEqualTo(Channel.WECHAT);
        assertThat(m.externalMessageId()).isEqualTo("1234567890123456");
        assertThat(m.sender()).isEqualTo(ChannelIdentity.of(IdentityType.WECHAT_OPENID, OPENID));
        assertThat(m.conversationId()).contains(OPENID);
        assertThat(m.text()).isEqualTo("退款什么时候到账？");
        assertThat(m.sentAt()).contains(Instant.ofEpochSecond(1794355200L));
    }

    @Test
    void imageVoiceAndEventMessages() throws Exception {
        String image = "<xml><ToUserName>gh</ToUserName><FromUserName>" + OPENID + "</FromUserName><CreateTime>1794355200</CreateTime>"
                + "<MsgType>image</MsgType><PicUrl>http://mmbiz.example/pic.jpg</PicUrl><MediaId>media-1</MediaId><MsgId>2</MsgId></xml>";
        InboundMessage i = plain.parse(plainPush(image, TOKEN)).get(0);
        assertThat(i.text()).isEqualTo("[image]");
        assertThat(i.metadata()).containsEntry("wechat.pic_url", "http://mmbiz.example/pic.jpg").containsEntry("wechat.media_id", "media-1");
        String voice = "<xml><FromUserName>" + OPENID + "</FromUserName><CreateTime>1794355200</CreateTime><MsgType>voice</MsgType>"
                + "<MediaId>media-2</MediaId><Format>amr</Format><Recognition>我要退货</Recognition><MsgId>3</MsgId></xml>";
        assertThat(plain.parse(plainPush(voice, TOKEN, "1794355200", "2")).get(0).text()).isEqualTo("我要退货");
        String silentVoice = voice.replace("<Recognition>我要退货</Recognition>", "");
        assertThat(plain.parse(plainPush(silentVoice, TOKEN, "1794355200", "3")).get(0).text()).isEqualTo("[voice]");
        String subscribe = "<xml><FromUserName>" + OPENID + "</FromUserName><CreateTime>1794355200</CreateTime>"
                + "<MsgType>event</MsgType><Event>subscribe</Event></xml>";
        assertThat(plain.parse(plainPush(subscribe, TOKEN, "1794355200", "4"))).isEmpty();
    }

    @Test
    void safeModeDecryptsAndRequiresEncryption() throws Exception {
        WeChatAdapter safe = WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY).build();
        InboundMessage m = safe.parse(safePush(text("99", "hello"))).get(0);
        assertThat(m.text()).isEqualTo("hello");
        assertThat(m.sender()).as("safe mode's signature covers the message").isEqualTo(
                ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID));
        assertThatThrownBy(() -> safe.parse(plainPush(text("99", "hello"), TOKEN)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("not in safe mode");
        assertThat(reasonOf(() -> safe.parse(plainPush(text("99", "hello"), TOKEN)))).isEqualTo(Reason.CONFIGURATION);
        assertThatThrownBy(() -> plain.parse(safePush(text("99", "hello"))))
                .isInstanceOf(ChannelException.class).hasMessageContaining("no encoding AES key");
        assertThat(reasonOf(() -> plain.parse(safePush(text("99", "hello"))))).isEqualTo(Reason.CONFIGURATION);
        RawDelivery tampered = safePush(text("99", "hello"));
        Map<String, List<String>> q = new LinkedHashMap<>(tampered.parameters());
        q.put("msg_signature", List.of("0".repeat(40)));
        assertThatThrownBy(() -> safe.parse(new RawDelivery(TENANT, tampered.body(), Map.of(), q, NOW)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("msg_signature");
        assertThat(reasonOf(() -> safe.parse(new RawDelivery(TENANT, tampered.body(), Map.of(), q, NOW))))
                .isEqualTo(Reason.SIGNATURE);
    }

    @Test
    void plainModeRefusesAnotherBodyUnderTheSignedParametersOfAPushAlreadyTaken() throws Exception {
        RawDelivery genuine = plainPush(text("200", "我的快递呢"), TOKEN, "1794355200", "n-200");
        assertThat(plain.parse(genuine)).extracting(InboundMessage::externalMessageId).containsExactly("200");
        // whoever saw the push URL posts their own XML under its signature: another message, another text
        String forgedXml = text("201", "请把退款打到这个账户");
        RawDelivery forged = new RawDelivery(TENANT, forgedXml.getBytes(StandardCharsets.UTF_8), Map.of(),
                genuine.parameters(), NOW);
        assertThatThrownBy(() -> plain.parse(forged)).isInstanceOf(ChannelException.class)
                .hasMessageContaining("replay").hasMessageNotContaining("请把退款").hasMessageNotContaining(OPENID)
                .satisfies(e -> assertThat(((ChannelException) e).reason()).isEqualTo(Reason.REPLAY))
                .satisfies(e -> assertThat(((ChannelException) e).isRetryable()).isFalse());
        // an event push's parameters cannot carry a message either
        String subscribe = "<xml><FromUserName>" + OPENID + "</FromUserName><CreateTime>1794355200</CreateTime>"
                + "<MsgType>event</MsgType><Event>subscribe</Event></xml>";
        RawDelivery event = plainPush(subscribe, TOKEN, "1794355200", "n-event");
        assertThat(plain.parse(event)).isEmpty();
        assertThat(reasonOf(() -> plain.parse(new RawDelivery(TENANT, forgedXml.getBytes(StandardCharsets.UTF_8),
                Map.of(), event.parameters(), NOW)))).isEqualTo(Reason.REPLAY);
        // WeChat's own retry of the genuine push, byte for byte, is no replay: the same message for intake to drop
        assertThat(plain.parse(genuine)).extracting(InboundMessage::externalMessageId).containsExactly("200");
    }

    @Test
    void plainModeRefusesPushesSignedOutsideTheToleranceOfTheClock() throws Exception {
        long now = NOW.getEpochSecond();
        assertThat(plain.parse(plainPush(text("300", "a"), TOKEN, Long.toString(now - 300), "n-300"))).hasSize(1);
        assertThat(plain.parse(plainPush(text("301", "a"), TOKEN, Long.toString(now + 300), "n-301"))).hasSize(1);
        RawDelivery old = plainPush(text("302", "a"), TOKEN, Long.toString(now - 301), "n-302");
        assertThatThrownBy(() -> plain.parse(old)).isInstanceOf(ChannelException.class).hasMessageContaining("tolerance")
                .satisfies(e -> assertThat(((ChannelException) e).reason()).isEqualTo(Reason.STALE));
        assertThat(reasonOf(() -> plain.parse(plainPush(text("303", "a"), TOKEN, Long.toString(now + 301), "n-303"))))
                .as("from the future").isEqualTo(Reason.STALE);
        // a captured push used again a day later, with another body: stale before anything else
        clock.advance(Duration.ofDays(1));
        RawDelivery replayed = new RawDelivery(TENANT, text("304", "b").getBytes(StandardCharsets.UTF_8), Map.of(),
                plainPush(text("300", "a"), TOKEN, Long.toString(now - 300), "n-300").parameters(), NOW);
        assertThat(reasonOf(() -> plain.parse(replayed))).isEqualTo(Reason.STALE);
        // a wrong signature is a signature failure whatever its time
        assertThat(reasonOf(() -> plain.parse(plainPush(text("305", "a"), "other", Long.toString(now - 301), "n"))))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(reasonOf(() -> plain.parse(plainPush(text("306", "a"), TOKEN, "soon", "n-306"))))
                .isEqualTo(Reason.MALFORMED);
        WeChatAdapter lenient = WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).tolerance(Duration.ofDays(2)).build();
        assertThat(lenient.parse(old)).hasSize(1);
    }

    @Test
    void safeModeKeepsNoTimestampWindowUnlessOneIsSet() throws Exception {
        WeChatAdapter safe = WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY).build();
        clock.advance(Duration.ofDays(30));
        assertThat(safe.parse(safePush(text("400", "a")))).hasSize(1);
        WeChatAdapter windowed = WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY).clock(clock)
                .tolerance(Duration.ofMinutes(5)).build();
        assertThat(reasonOf(() -> windowed.parse(safePush(text("400", "a"))))).isEqualTo(Reason.STALE);
        clock.set(NOW);
        assertThat(windowed.parse(safePush(text("400", "a")))).hasSize(1);
    }

    @Test
    void everyRefusalNamesItsReason() throws Exception {
        RawDelivery good = plainPush(text("500", "a"), TOKEN, "1794355200", "n-500");
        Map<String, List<String>> noNonce = new LinkedHashMap<>(good.parameters());
        noNonce.remove("nonce");
        assertThat(reasonOf(() -> plain.parse(new RawDelivery(TENANT, good.body(), Map.of(), noNonce, NOW))))
                .isEqualTo(Reason.SIGNATURE);
        Map<String, List<String>> noSignature = new LinkedHashMap<>(good.parameters());
        noSignature.remove("signature");
        assertThat(reasonOf(() -> plain.parse(new RawDelivery(TENANT, good.body(), Map.of(), noSignature, NOW))))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(reasonOf(() -> plain.parse(plainPush(text("501", "a"), "wrong-token")))).isEqualTo(Reason.SIGNATURE);
        WeChatAdapter small = WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).maxBodyBytes(50).build();
        assertThat(reasonOf(() -> small.parse(plainPush(text("502", "a"), TOKEN)))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reasonOf(() -> plain.parse(plainPush("<xml><MsgType>text</MsgType>", TOKEN, "1794355200", "n-503"))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(() -> plain.parse(plainPush(text("", "a"), TOKEN, "1794355200", "n-504"))))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void theSigningHelperSignsAsWeChatDoes() throws Exception {
        // printf '%s\n' QDG6eK 1409659813 1372623149 | LC_ALL=C sort | tr -d '\n' | sha1sum
        assertThat(WeChatSigning.signature(TOKEN, "1409659813", "1372623149"))
                .isEqualTo(sha1Sorted(TOKEN, "1409659813", "1372623149"))
                .isEqualTo("d2157f2f9079f4d6257b45edf665c43c62e60a0a");
        assertThat(plain.echo(new RawDelivery(TENANT, new byte[0], Map.of(),
                WeChatSigning.serverCheck(TOKEN, NOW, "n-1", "echo-1"), NOW))).isEqualTo("echo-1");
        RawDelivery p = WeChatSigning.plainPush(TOKEN, text("600", "你好"), NOW, "n-600").toDelivery(TENANT, NOW);
        assertThat(p.parameters().get("signature")).containsExactly(sha1Sorted(TOKEN, Long.toString(NOW.getEpochSecond()), "n-600"));
        assertThat(plain.parse(p)).extracting(InboundMessage::text).containsExactly("你好");
        WeChatAdapter safe = WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY).build();
        RawDelivery s = WeChatSigning.safePush(new WeChatCrypto(TOKEN, AES_KEY, APP_ID), text("601", "您好"), NOW, "n-601")
                .toDelivery(TENANT, NOW);
        assertThat(s.parameters().get("encrypt_type")).containsExactly("aes");
        assertThat(safe.parse(s)).extracting(InboundMessage::text).containsExactly("您好");
        assertThat(new String(s.body(), StandardCharsets.UTF_8)).doesNotContain("您好");
    }

    @Test
    void builderChecksItsOptions() {
        assertThatThrownBy(() -> WeChatAdapter.builder(APP_ID, TOKEN).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clock");
        assertThat(WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY).build().safeMode()).isTrue();
        assertThatThrownBy(() -> WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY)
                .tolerance(Duration.ofMinutes(1)).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WeChatAdapter.builder(APP_ID, TOKEN).encodingAesKey(AES_KEY).replayCapacity(10)
                .build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WeChatAdapter.builder(APP_ID, TOKEN).tolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).clock(clock))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WeChatAdapter.builder(APP_ID, TOKEN).replayCapacity(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileAndMalformedXmlIsRefusedQuickly() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><FromUserName>&x;</FromUserName><MsgType>text</MsgType><Content>a</Content><MsgId>1</MsgId></xml>";
        assertThatThrownBy(() -> plain.parse(plainPush(xxe, TOKEN))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("without DOCTYPE").hasMessageNotContaining("passwd");
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><xml><Content>&lol9;</Content></xml>");
        long start = System.nanoTime();
        assertThatThrownBy(() -> plain.parse(plainPush(laughs.toString(), TOKEN))).isInstanceOf(ChannelException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> plain.parse(plainPush("<xml><MsgType>text</MsgType>", TOKEN)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("well-formed");
        String twice = text("5", "a").replace("<MsgId>5</MsgId>", "<MsgId>5</MsgId><MsgId>6</MsgId>");
        assertThatThrownBy(() -> plain.parse(plainPush(twice, TOKEN))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("MsgId more than once");
        assertThatThrownBy(() -> plain.parse(plainPush(text("", "a"), TOKEN))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("no MsgId");
        assertThatThrownBy(() -> plain.parse(plainPush(text("7", "a"), "wrong-token"))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("signature mismatch");
        WeChatAdapter small = WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).maxBodyBytes(50).build();
        assertThatThrownBy(() -> small.parse(plainPush(text("8", "a"), TOKEN))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("over the limit of 50");
        RawDelivery good = plainPush(text("9", "a"), TOKEN);
        Map<String, List<String>> q = new LinkedHashMap<>(good.parameters());
        q.put("nonce", List.of("1", "2"));
        assertThatThrownBy(() -> plain.parse(new RawDelivery(TENANT, good.body(), Map.of(), q, NOW)))
                .isInstanceOf(ChannelException.class).hasMessageContaining("nonce more than once");
    }

    @Test
    void endToEndRetriedPushIsTakenInOnceAndConversationThreads() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
        TicketEngine engine = TicketEngine.builder().store(TicketStore.inMemory()).clock(clock).build();
        try (engine) {
            Fixtures shop = Fixtures.create(engine, TENANT);
            Intake intake = Intake.builder(engine).clock(clock).build();
            WeChatAdapter plain = WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).build();
            RawDelivery push = plainPush(text("100", "我的快递呢"), TOKEN);
            IntakeResult first = intake.accept(plain.parse(push).get(0));
            assertThat(first.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            // WeChat retries the push (the same request again): a duplicate for intake, not a refusal
            assertThat(intake.accept(plain.parse(push).get(0)).outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
            clock.advance(Duration.ofMinutes(3));
            IntakeResult next = intake.accept(plain.parse(plainPush(text("101", "订单号 123456789012"), TOKEN,
                    "1794355380", "123457")).get(0));
            assertThat(next.outcome()).isEqualTo(IntakeResult.Outcome.APPENDED);
            assertThat(next.ticketId()).isEqualTo(first.ticketId());
            assertThat(engine.tickets().messages(shop.admin, first.ticketId().orElseThrow()))
                    .extracting(Message::text).containsExactly("我的快递呢", "订单号 123456789012");
        }
    }

    @Test
    void outboundClassifiesWeChatAnswers() throws Exception {
        try (LocalHttp api = new LocalHttp()) {
            int[] invalidated = {0};
            AccessTokenProvider tokens = new AccessTokenProvider() {
                @Override
                public String accessToken() {
                    return "TOKEN-1";
                }

                @Override
                public void invalidate(String token) {
                    invalidated[0]++;
                }
            };
            WeChatAdapter a = WeChatAdapter.builder(APP_ID, TOKEN).clock(clock).outbound(HttpTransport.jdk(), tokens)
                    .apiBase(api.base()).build();
            OutboundMessage reply = OutboundMessage.builder(TENANT, Channel.WECHAT,
                    ChannelIdentity.verified(IdentityType.WECHAT_OPENID, OPENID)).text("已为您退款").build();
            api.answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")
                    .answer(200, "{\"errcode\":-1,\"errmsg\":\"system error\"}")
                    .answer(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")
                    .answer(200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}")
                    .answer(200, "{\"errcode\":45015,\"errmsg\":\"response out of time limit\"}")
                    .answer(200, "{\"errcode\":40003,\"errmsg\":\"invalid openid\"}")
                    .answer(502, "")
                    .answer(403, "")
                    .answer(200, "not json");
            assertThat(a.send(reply).status()).isEqualTo(SendResult.Status.DELIVERED);
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("wechat_-1"));
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("wechat_45009"));
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("wechat_42001"));
            assertThat(invalidated[0]).isEqualTo(1);
            assertThat(a.send(reply)).isEqualTo(SendResult.permanent("wechat_45015"));
            assertThat(a.send(reply)).isEqualTo(SendResult.permanent("wechat_40003"));
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("http_502"));
            assertThat(a.send(reply)).isEqualTo(SendResult.permanent("http_403"));
            assertThat(a.send(reply)).isEqualTo(SendResult.retryable("bad_response"));
            LocalHttp.Request first = api.requests().get(0);
            assertThat(first.uri().getPath()).isEqualTo("/cgi-bin/message/custom/send");
            assertThat(first.uri().getQuery()).isEqualTo("access_token=TOKEN-1");
            assertThat(first.body()).contains("\"touser\":\"" + OPENID + "\"", "\"msgtype\":\"text\"", "已为您退款");
            OutboundMessage toEmail = OutboundMessage.builder(TENANT, Channel.WECHAT,
                    ChannelIdentity.of(IdentityType.EMAIL, "carol@example.com")).text("x").build();
            assertThat(a.send(toEmail)).isEqualTo(SendResult.permanent("recipient_not_wechat_openid"));
        }
    }

    @Test
    void stableTokenProviderCachesUntilExpiryOrInvalidation() throws Exception {
        try (LocalHttp api = new LocalHttp()) {
            MutableClock clock = MutableClock.at("2026-11-11T00:00:00Z");
            AccessTokenProvider p = AccessTokenProvider.stable(HttpTransport.jdk(), api.base(), APP_ID, "app-secret", clock);
            api.answer(200, "{\"access_token\":\"T1\",\"expires_in\":7200}")
                    .answer(200, "{\"access_token\":\"T2\",\"expires_in\":7200}")
                    .answer(200, "{\"access_token\":\"T3\",\"expires_in\":7200}")
                    .answer(200, "{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}");
            assertThat(p.accessToken()).isEqualTo("T1");
            clock.advance(Duration.ofMinutes(110));
            assertThat(p.accessToken()).as("cached until 5 minutes before expiry").isEqualTo("T1");
            clock.advance(Duration.ofMinutes(6));
            assertThat(p.accessToken()).isEqualTo("T2");
            p.invalidate("T2");
            assertThat(p.accessToken()).isEqualTo("T3");
            p.invalidate("T3");
            assertThatThrownBy(p::accessToken).isInstanceOf(ChannelException.class).hasMessageContaining("40125")
                    .hasMessageNotContaining("app-secret");
            assertThat(api.requests()).hasSize(4);
            assertThat(api.requests().get(0).uri().getPath()).isEqualTo("/cgi-bin/stable_token");
        }
    }
}
