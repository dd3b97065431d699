package dev.ticketkit.connectors.wechat;

import static dev.ticketkit.connectors.wechat.Sample.APP_ID;
import static dev.ticketkit.connectors.wechat.Sample.KEY;
import static dev.ticketkit.connectors.wechat.Sample.NONCE;
import static dev.ticketkit.connectors.wechat.Sample.TIMESTAMP;
import static dev.ticketkit.connectors.wechat.Sample.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

/**
 * Known-answer and round-trip tests. The ciphertexts are the official sample's
 * ({@code afterAesEncrypt}, {@code afterAesEncrypt2}); both were reproduced independently with
 * {@code openssl enc -aes-256-cbc -nopad -K <key hex> -iv <first 16 key bytes>} over a plaintext
 * built in Python. The signatures were computed with {@code sha1sum} (see {@link Sample}).
 */
class WeChatCryptoTest {

    @Test
    void encryptReproducesOfficialSample() {
        WeChatCrypto.Encrypted e = Sample.crypto().encrypt(Sample.REPLY, TIMESTAMP, NONCE);
        assertThat(e.encrypted()).isEqualTo(Sample.REPLY_ENCRYPTED);
        assertThat(e.msgSignature()).isEqualTo(Sample.REPLY_SIGNATURE);
        assertThat(e.timestamp()).isEqualTo(TIMESTAMP);
        assertThat(e.nonce()).isEqualTo(NONCE);
    }

    @Test
    void encryptReproducesOfficialSampleWithXmlReply() {
        WeChatCrypto.Encrypted e = Sample.crypto().encrypt(Sample.REPLY2, TIMESTAMP, NONCE);
        assertThat(e.encrypted()).isEqualTo(Sample.REPLY2_ENCRYPTED);
        assertThat(e.msgSignature()).isEqualTo(Sample.REPLY2_SIGNATURE);
    }

    @Test
    void decryptsOfficialSamples() {
        WeChatCrypto crypto = new WeChatCrypto(TOKEN, KEY, APP_ID);
        assertThat(crypto.decrypt(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE, Sample.REPLY_ENCRYPTED))
                .isEqualTo(Sample.REPLY);
        assertThat(crypto.decrypt(Sample.REPLY2_SIGNATURE, TIMESTAMP, NONCE, Sample.REPLY2_ENCRYPTED))
                .isEqualTo(Sample.REPLY2);
    }

    @Test
    void acceptsUpperCaseSignatureHex() {
        assertThat(Sample.crypto().decrypt(Sample.REPLY_SIGNATURE.toUpperCase(), TIMESTAMP, NONCE,
                Sample.REPLY_ENCRYPTED)).isEqualTo(Sample.REPLY);
    }

    /** The official sample's POST envelope (xmlFormat with ToUserName and Encrypt). */
    @Test
    void decryptsEnvelope() {
        String envelope = "<xml><ToUserName><![CDATA[toUser]]></ToUserName><Encrypt><![CDATA["
                + Sample.REPLY_ENCRYPTED + "]]></Encrypt></xml>";
        assertThat(Sample.crypto().decryptEnvelope(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE, envelope))
                .isEqualTo(Sample.REPLY);
    }

    @Test
    void replyXmlRoundTripsThroughEnvelope() {
        WeChatCrypto.Encrypted e = Sample.crypto().encrypt(Sample.REPLY2, "1700000000", "n0nce");
        assertThat(e.toXml()).startsWith("<xml><Encrypt><![CDATA[" + e.encrypted() + "]]></Encrypt>")
                .contains("<MsgSignature><![CDATA[" + e.msgSignature() + "]]></MsgSignature>")
                .contains("<TimeStamp><![CDATA[1700000000]]></TimeStamp>")
                .endsWith("<Nonce><![CDATA[n0nce]]></Nonce></xml>");
        assertThat(Sample.crypto().decryptEnvelope(e.msgSignature(), "1700000000", "n0nce", e.toXml()))
                .isEqualTo(Sample.REPLY2);
    }

    @Test
    void secureRandomPrefixMakesEachCiphertextDifferentButDecryptable() {
        WeChatCrypto crypto = new WeChatCrypto(TOKEN, KEY, APP_ID, new SecureRandom());
        WeChatCrypto.Encrypted a = crypto.encrypt("<xml>hi</xml>", TIMESTAMP, NONCE);
        WeChatCrypto.Encrypted b = crypto.encrypt("<xml>hi</xml>", TIMESTAMP, NONCE);
        assertThat(a.encrypted()).isNotEqualTo(b.encrypted());
        assertThat(crypto.decrypt(a.msgSignature(), TIMESTAMP, NONCE, a.encrypted())).isEqualTo("<xml>hi</xml>");
        assertThat(crypto.decrypt(b.msgSignature(), TIMESTAMP, NONCE, b.encrypted())).isEqualTo("<xml>hi</xml>");
    }

    /** Plaintexts whose framed length hits every residue mod 32, including exact multiples (pad 32). */
    @Test
    void roundTripsEveryPaddingLength() {
        WeChatCrypto crypto = Sample.crypto();
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            String text = xml.toString();
            WeChatCrypto.Encrypted e = crypto.encrypt(text, TIMESTAMP, NONCE);
            assertThat(crypto.decrypt(e.msgSignature(), TIMESTAMP, NONCE, e.encrypted())).isEqualTo(text);
            xml.append(i % 3 == 0 ? "中" : "x");
        }
    }

    @Test
    void wecomCorpIdWorksAsAppId() {
        WeChatCrypto crypto = new WeChatCrypto("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                "wx5823bf96d3bd56c7", Sample.fixedRandom());
        WeChatCrypto.Encrypted e = crypto.encrypt("4888956148297183738", "1409659813", "1372623149");
        assertThat(crypto.decrypt(e.msgSignature(), "1409659813", "1372623149", e.encrypted()))
                .isEqualTo("4888956148297183738");
    }
}
