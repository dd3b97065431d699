package dev.ticketkit.connectors.wechat;

import dev.ticketkit.connectors.ChannelException;
import static dev.ticketkit.connectors.wechat.Sample.APP_ID;
import static dev.ticketkit.connectors.wechat.Sample.KEY;
import static dev.ticketkit.connectors.wechat.Sample.NONCE;
import static dev.ticketkit.connectors.wechat.Sample.TIMESTAMP;
import static dev.ticketkit.connectors.wechat.Sample.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Each malformed input fails with a {@link ChannelException} naming the check that failed.
 * Ciphertexts are built and signed on the test side ({@link Sample}) so that exactly one defect
 * reaches the code under test; each defect has a well-formed twin that decrypts.
 */
class WeChatCryptoBadInputTest {

    private static final byte[] XML = "<xml>ok</xml>".getBytes(StandardCharsets.UTF_8);

    private final WeChatCrypto crypto = Sample.crypto();

    private String decryptSigned(String encrypted) {
        return crypto.decrypt(Sample.sign(encrypted), TIMESTAMP, NONCE, encrypted);
    }

    private ChannelException failure(String encrypted) {
        return catchThrowableOfType(() -> decryptSigned(encrypted), ChannelException.class);
    }

    private static int unpadded(byte[] text, String appId) {
        return 20 + text.length + appId.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void wellFormedTestFrameDecrypts() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        assertThat(decryptSigned(Sample.aesRaw(Sample.frame(XML.length, XML, APP_ID, pad, pad))))
                .isEqualTo("<xml>ok</xml>");
    }

    // --- signature -------------------------------------------------------------------------

    @Test
    void signatureIsCheckedBeforeAnythingElse() {
        ChannelException e = catchThrowableOfType(
                () -> crypto.decrypt("0".repeat(40), TIMESTAMP, NONCE, "%%% not base64 %%%"), ChannelException.class);
        assertThat(e).hasMessage("msg_signature mismatch");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void rejectsWrongToken() {
        WeChatCrypto other = new WeChatCrypto("pamtest2", KEY, APP_ID);
        assertThatThrownBy(() -> other.decrypt(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE, Sample.REPLY_ENCRYPTED))
                .isInstanceOf(ChannelException.class).hasMessage("msg_signature mismatch");
    }

    @Test
    void rejectsChangedTimestampNonceOrPayload() {
        String enc = Sample.REPLY_ENCRYPTED;
        String sig = Sample.REPLY_SIGNATURE;
        assertThatThrownBy(() -> crypto.decrypt(sig, "1409304349", NONCE, enc)).hasMessage("msg_signature mismatch");
        assertThatThrownBy(() -> crypto.decrypt(sig, TIMESTAMP, "xxxxxy", enc)).hasMessage("msg_signature mismatch");
        String flipped = (enc.charAt(0) == 'j' ? "k" : "j") + enc.substring(1);
        assertThatThrownBy(() -> crypto.decrypt(sig, TIMESTAMP, NONCE, flipped)).hasMessage("msg_signature mismatch");
    }

    @Test
    void rejectsMalformedSignatures() {
        String enc = Sample.REPLY_ENCRYPTED;
        String sig = Sample.REPLY_SIGNATURE;
        for (String bad : new String[] {"", sig.substring(1), sig + "0", "g" + sig.substring(1), sig + sig,
                " " + sig.substring(1), "中".repeat(40)}) {
            assertThatThrownBy(() -> crypto.decrypt(bad, TIMESTAMP, NONCE, enc))
                    .as(bad).isInstanceOf(ChannelException.class).hasMessage("msg_signature mismatch");
        }
    }

    @Test
    void rejectsMissingArguments() {
        String enc = Sample.REPLY_ENCRYPTED;
        String sig = Sample.REPLY_SIGNATURE;
        assertThatThrownBy(() -> crypto.decrypt(null, TIMESTAMP, NONCE, enc)).isInstanceOf(ChannelException.class)
                .hasMessageStartingWith("missing");
        assertThatThrownBy(() -> crypto.decrypt(sig, null, NONCE, enc)).hasMessageStartingWith("missing");
        assertThatThrownBy(() -> crypto.decrypt(sig, TIMESTAMP, null, enc)).hasMessageStartingWith("missing");
        assertThatThrownBy(() -> crypto.decrypt(sig, TIMESTAMP, NONCE, null)).hasMessageStartingWith("missing");
        assertThatThrownBy(() -> crypto.decryptEnvelope(sig, TIMESTAMP, NONCE, null))
                .isInstanceOf(ChannelException.class).hasMessageStartingWith("missing");
    }

    // --- ciphertext shape --------------------------------------------------------------------

    @Test
    void rejectsGarbageBase64() {
        for (String bad : new String[] {"%%%%", "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmk=gcz", "a",
                Sample.REPLY_ENCRYPTED.replace('+', '-'), Sample.REPLY_ENCRYPTED + "\n"}) {
            assertThat(failure(bad)).as(bad).hasMessage("encrypted payload is not base64");
        }
    }

    @Test
    void rejectsTruncatedCiphertext() {
        byte[] full = Base64.getDecoder().decode(Sample.REPLY_ENCRYPTED);
        for (int len : new int[] {0, 1, 15, 17, 63}) {
            String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(full, len));
            assertThat(failure(truncated)).as("length %d", len)
                    .hasMessage("ciphertext length is not a positive multiple of 16");
        }
        // Truncated at a block boundary: decrypts, but the last block is not the padding.
        String blockTruncated = Base64.getEncoder().encodeToString(Arrays.copyOf(full, 48));
        assertThat(failure(blockTruncated)).isNotNull();
    }

    // --- padding -----------------------------------------------------------------------------

    @Test
    void rejectsPaddingValueZero() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        assertThat(failure(Sample.aesRaw(Sample.frame(XML.length, XML, APP_ID, pad, 0))))
                .hasMessage("invalid padding");
    }

    @Test
    void rejectsPaddingValueAboveBlockSize() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        for (int value : new int[] {33, 48, 255}) {
            assertThat(failure(Sample.aesRaw(Sample.frame(XML.length, XML, APP_ID, pad, value))))
                    .as("pad value %d", value).hasMessage("invalid padding");
        }
        // 48 bytes of 0x30: larger than the block size even though the count matches the value.
        int unpadded = unpadded(XML, APP_ID);
        int count = 48 + (16 - unpadded % 16) % 16;
        assertThat(failure(Sample.aesRaw(Sample.frame(XML.length, XML, APP_ID, count, 48))))
                .hasMessage("invalid padding");
    }

    @Test
    void rejectsInconsistentPaddingBytes() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        assertThat(pad).as("test needs at least two pad bytes").isGreaterThan(1);
        byte[] frame = Sample.frame(XML.length, XML, APP_ID, pad, pad);
        frame[frame.length - 2] ^= 0x01;
        assertThat(failure(Sample.aesRaw(frame))).hasMessage("invalid padding");
    }

    @Test
    void rejectsPaddingLongerThanMessage() {
        byte[] plain = new byte[16];
        Arrays.fill(plain, (byte) 32);
        assertThat(failure(Sample.aesRaw(plain))).hasMessage("invalid padding");
    }

    // --- length field ------------------------------------------------------------------------

    @Test
    void rejectsLengthFieldLargerThanBuffer() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        int room = XML.length + APP_ID.length();
        for (int length : new int[] {room + 1, room + 1000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            assertThat(failure(Sample.aesRaw(Sample.frame(length, XML, APP_ID, pad, pad))))
                    .as("length %d", length).hasMessage("length field out of range");
        }
    }

    @Test
    void lengthFieldUsingTheWholeRoomLeavesNoAppId() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        int room = XML.length + APP_ID.length();
        assertThat(failure(Sample.aesRaw(Sample.frame(room, XML, APP_ID, pad, pad)))).hasMessage("app id mismatch");
    }

    @Test
    void rejectsMessageShorterThanHeader() {
        byte[] plain = new byte[32];
        Arrays.fill(plain, 0, 16, (byte) 'a');
        Arrays.fill(plain, 16, 32, (byte) 16);
        assertThat(failure(Sample.aesRaw(plain))).hasMessage("decrypted message too short");
    }

    // --- app id and text ---------------------------------------------------------------------

    @Test
    void rejectsWrongAppId() {
        WeChatCrypto.Encrypted e = new WeChatCrypto(TOKEN, KEY, "wxb11529c136998cb7").encrypt("<xml/>", TIMESTAMP, NONCE);
        assertThatThrownBy(() -> crypto.decrypt(e.msgSignature(), TIMESTAMP, NONCE, e.encrypted()))
                .isInstanceOf(ChannelException.class).hasMessage("app id mismatch");
        for (String appId : new String[] {"", "wxb11529c136998cb", "wxb11529c136998cb66", "WXB11529C136998CB6"}) {
            int pad = Sample.pkcs7Count(unpadded(XML, appId));
            assertThat(failure(Sample.aesRaw(Sample.frame(XML.length, XML, appId, pad, pad))))
                    .as(appId).hasMessage("app id mismatch");
        }
    }

    @Test
    void lengthFieldShorterThanTextShiftsTextIntoAppId() {
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        assertThat(failure(Sample.aesRaw(Sample.frame(XML.length - 1, XML, APP_ID, pad, pad))))
                .hasMessage("app id mismatch");
    }

    @Test
    void rejectsTextThatIsNotUtf8() {
        byte[] text = {'<', (byte) 0xC3, (byte) 0x28, '>'};
        int pad = Sample.pkcs7Count(unpadded(text, APP_ID));
        assertThat(failure(Sample.aesRaw(Sample.frame(text.length, text, APP_ID, pad, pad))))
                .hasMessage("decrypted message is not UTF-8");
    }

    @Test
    void randomSignedCiphertextsOnlyEverFailWithChannelException() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] ct = new byte[16 * random.nextInt(1, 12)];
            random.nextBytes(ct);
            String enc = Base64.getEncoder().encodeToString(ct);
            assertThat(failure(enc)).as("ciphertext %s", enc).isNotNull();
        }
    }

    // --- envelope ----------------------------------------------------------------------------

    @Test
    void envelopeRejectsDoctypeAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<xml><Encrypt>&e;</Encrypt></xml>";
        String laughs = "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<xml><Encrypt>&b;</Encrypt></xml>";
        for (String envelope : List.of(xxe, laughs)) {
            assertThatThrownBy(() -> crypto.decryptEnvelope(Sample.sign("x"), TIMESTAMP, NONCE, envelope))
                    .isInstanceOf(ChannelException.class)
                    .hasMessage("envelope is not well-formed XML without DOCTYPE");
        }
    }

    @Test
    void envelopeNeedsExactlyOneEncryptElement() {
        String enc = Sample.REPLY_ENCRYPTED;
        assertThatThrownBy(() -> crypto.decryptEnvelope(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE,
                "<xml><ToUserName>t</ToUserName></xml>")).hasMessage("envelope has no Encrypt element");
        assertThatThrownBy(() -> crypto.decryptEnvelope(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE,
                "<xml><Encrypt>" + enc + "</Encrypt><Encrypt>" + enc + "</Encrypt></xml>"))
                .hasMessage("envelope has more than one Encrypt element");
        assertThatThrownBy(() -> crypto.decryptEnvelope(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE, "not xml"))
                .hasMessage("envelope is not well-formed XML without DOCTYPE");
        assertThatThrownBy(() -> crypto.decryptEnvelope(Sample.REPLY_SIGNATURE, TIMESTAMP, NONCE,
                "<xml><Encrypt>" + enc + "</Encrypt>")).hasMessage("envelope is not well-formed XML without DOCTYPE");
    }

    // --- messages and configuration ----------------------------------------------------------

    @Test
    void failureMessagesNeverContainPayloadKeyOrToken() {
        List<String> messages = new ArrayList<>();
        int pad = Sample.pkcs7Count(unpadded(XML, APP_ID));
        byte[] secretText = "<xml>SECRET-CUSTOMER-TEXT</xml>".getBytes(StandardCharsets.UTF_8);
        int pad2 = Sample.pkcs7Count(unpadded(secretText, "wrong-app"));
        for (String enc : List.of("%%%" + TOKEN, Sample.aesRaw(Sample.frame(XML.length, XML, APP_ID, pad, 0)),
                Sample.aesRaw(Sample.frame(secretText.length, secretText, "wrong-app", pad2, pad2)))) {
            messages.add(failure(enc).getMessage());
        }
        messages.add(catchThrowableOfType(() -> crypto.decrypt("0".repeat(40), TIMESTAMP, NONCE,
                Sample.REPLY_ENCRYPTED), ChannelException.class).getMessage());
        messages.add(catchThrowableOfType(() -> crypto.decryptEnvelope("s", TIMESTAMP, NONCE,
                "<xml>SECRET-CUSTOMER-TEXT"), ChannelException.class).getMessage());
        messages.add(catchThrowableOfType(() -> new WeChatCrypto(TOKEN, KEY.substring(1) + "*", APP_ID),
                IllegalArgumentException.class).getMessage());
        assertThat(messages).hasSize(6).allSatisfy(m -> assertThat(m).isNotBlank()
                .doesNotContain(TOKEN).doesNotContain(KEY.substring(0, 10)).doesNotContain("SECRET-CUSTOMER")
                .doesNotContain(Sample.REPLY_ENCRYPTED.substring(0, 10)).doesNotContain("*"));
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, KEY.substring(1), APP_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43");
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, KEY + "=", APP_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43");
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, KEY.substring(1) + "-", APP_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("encodingAesKey is not base64");
        assertThatThrownBy(() -> new WeChatCrypto("", KEY, APP_ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, KEY, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeChatCrypto(null, KEY, APP_ID)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, null, APP_ID)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, KEY, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WeChatCrypto(TOKEN, KEY, APP_ID, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> crypto.encrypt(null, TIMESTAMP, NONCE)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void replyXmlRefusesValuesThatWouldBreakCdata() {
        WeChatCrypto.Encrypted e = crypto.encrypt("<xml/>", TIMESTAMP, "a]]>b");
        assertThatThrownBy(e::toXml).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void channelExceptionRetryabilityIsCarried() {
        assertThat(new ChannelException("x").isRetryable()).isFalse();
        assertThat(new ChannelException("x", null, true).isRetryable()).isTrue();
    }
}
