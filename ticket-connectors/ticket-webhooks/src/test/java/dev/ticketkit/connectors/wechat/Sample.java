package dev.ticketkit.connectors.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values of WeChat's official message-encryption sample (WXBizMsgCryptTest in the Java demo,
 * same values in the PHP/Python demos), plus test-side crypto written independently of
 * {@link WeChatCrypto} so malformed ciphertexts can be built and correctly signed.
 */
final class Sample {

    static final String TOKEN = "pamtest";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String TIMESTAMP = "1409304348";
    static final String NONCE = "xxxxxx";
    static final String RANDOM = "aaaabbbbccccdddd";

    static final String REPLY = "我是中文abcd123";
    static final String REPLY_ENCRYPTED =
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    /** {@code printf '%s\n' pamtest 1409304348 xxxxxx "$REPLY_ENCRYPTED" | LC_ALL=C sort | tr -d '\n' | sha1sum} */
    static final String REPLY_SIGNATURE = "82c962d39941aa48552f90ef55aa323dc620cc10";

    static final String REPLY2 = "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
            + "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime>"
            + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId>"
            + "<Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description>"
            + "</Video></xml>";
    static final String REPLY2_ENCRYPTED = "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";
    static final String REPLY2_SIGNATURE = "ea88b765074e41eb8c7a75b449db34fa2fd560d5";

    private Sample() {
    }

    /** Always yields "aaaabbbbccccdddd" for a 16-byte request, as the official sample's random string. */
    static RandomGenerator fixedRandom() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextBytes is expected");
            }

            @Override
            public void nextBytes(byte[] bytes) {
                byte[] src = RANDOM.getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = src[i % src.length];
                }
            }
        };
    }

    static WeChatCrypto crypto() {
        return new WeChatCrypto(TOKEN, KEY, APP_ID, fixedRandom());
    }

    /** hex(SHA1(sorted(token, timestamp, nonce, encrypted))) computed on the test side. */
    static String sign(String encrypted) {
        String[] parts = {TOKEN, TIMESTAMP, NONCE, encrypted};
        Arrays.sort(parts);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** AES-256-CBC/NoPadding with the sample key, IV = first 16 key bytes; input used as is. */
    static String aesRaw(byte[] plain) {
        byte[] key = Base64.getDecoder().decode(KEY + "=");
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** random(16) + int32 length + text + appId, then {@code pad} bytes of value {@code padValue}. */
    static byte[] frame(int lengthField, byte[] text, String appId, int pad, int padValue) {
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[20 + text.length + app.length + pad];
        System.arraycopy(RANDOM.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 16);
        out[16] = (byte) (lengthField >>> 24);
        out[17] = (byte) (lengthField >>> 16);
        out[18] = (byte) (lengthField >>> 8);
        out[19] = (byte) lengthField;
        System.arraycopy(text, 0, out, 20, text.length);
        System.arraycopy(app, 0, out, 20 + text.length, app.length);
        Arrays.fill(out, 20 + text.length + app.length, out.length, (byte) padValue);
        return out;
    }

    /** Pad count that brings {@code unpadded} to a multiple of 32 (1..32), as WeChat does. */
    static int pkcs7Count(int unpadded) {
        return 32 - unpadded % 32;
    }
}
