package dev.ticketkit.connectors.wechat;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * WeChat "safe mode" message encryption (消息加解密), as used by Official Accounts, Mini Programs,
 * Open Platform and WeCom callbacks.
 *
 * <p>AES-256-CBC with the key {@code Base64.decode(encodingAesKey + "=")} and the first 16 key
 * bytes as IV; PKCS#7 padding to 32-byte blocks; the plaintext is 16 random bytes, the XML's
 * UTF-8 length as a 4-byte big-endian integer, the XML, then the app id (or WeCom corp id). The
 * {@code msg_signature} is the hex SHA-1 of {@code token}, {@code timestamp}, {@code nonce} and
 * the base64 ciphertext, sorted and concatenated.
 *
 * <p>{@link #decrypt} checks the signature first (constant time), then the ciphertext's shape,
 * the padding, the length field and finally the trailing app id (constant time). Any failure is
 * a non-retryable {@link ChannelException} whose message names the failed check only: a missing or wrong
 * signature and a foreign app id are {@link Reason#SIGNATURE}, a broken envelope, ciphertext, padding or
 * length field {@link Reason#MALFORMED}.
 *
 * <p>Immutable; thread-safe when its random generator is (the default {@link SecureRandom} is).
 * Timestamps are not checked for freshness: that is the caller's replay policy.
 */
public final class WeChatCrypto {

    /** Length of an {@code EncodingAESKey} as shown on the WeChat console. */
    public static final int ENCODING_AES_KEY_LENGTH = 43;

    /** The block size WeChat pads to (not AES's 16). */
    static final int PAD_BLOCK = 32;
    private static final int RANDOM_BYTES = 16;
    private static final int HEADER_BYTES = RANDOM_BYTES + 4;
    private static final int AES_BLOCK = 16;
    private static final int SHA1_HEX_CHARS = 40;

    private final String token;
    private final byte[] key;
    private final byte[] appId;
    private final RandomGenerator random;

    /**
     * Uses a new {@link SecureRandom} for the random prefix of encrypted messages.
     *
     * @param token the token configured on the WeChat console
     * @param encodingAesKey the 43-character EncodingAESKey
     * @param appId the app id (WeCom: corp id or suite id) messages must be addressed to
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the key is not 43 base64 characters, or the token or
     *         app id is empty
     */
    public WeChatCrypto(String token, String encodingAesKey, String appId) {
        this(token, encodingAesKey, appId, new SecureRandom());
    }

    /**
     * With an explicit source for the 16 random bytes that prefix each encrypted message: pass a
     * {@link SecureRandom} in production, a fixed generator in tests.
     *
     * @param token the token configured on the WeChat console
     * @param encodingAesKey the 43-character EncodingAESKey
     * @param appId the app id (WeCom: corp id or suite id) messages must be addressed to
     * @param random the random source for {@link #encrypt}
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the key is not 43 base64 characters, or the token or
     *         app id is empty
     */
    public WeChatCrypto(String token, String encodingAesKey, String appId, RandomGenerator random) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(encodingAesKey, "encodingAesKey");
        Objects.requireNonNull(appId, "appId");
        this.random = Objects.requireNonNull(random, "random");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token is empty");
        }
        if (appId.isEmpty()) {
            throw new IllegalArgumentException("appId is empty");
        }
        if (encodingAesKey.length() != ENCODING_AES_KEY_LENGTH) {
            throw new IllegalArgumentException("encodingAesKey must be " + ENCODING_AES_KEY_LENGTH
                    + " characters, was " + encodingAesKey.length());
        }
        try {
            this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            // Not chained: the JDK's message may quote a character of the key.
            throw new IllegalArgumentException("encodingAesKey is not base64");
        }
        this.token = token;
        this.appId = appId.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Verifies and decrypts the {@code Encrypt} value of a callback.
     *
     * @param msgSignature the {@code msg_signature} query parameter
     * @param timestamp the {@code timestamp} query parameter
     * @param nonce the {@code nonce} query parameter
     * @param encrypted the base64 ciphertext (the {@code Encrypt} element, or WeCom's
     *        {@code echostr})
     * @return the decrypted XML (or echo string)
     * @throws ChannelException if any argument is missing, the signature does not match, the
     *         ciphertext, padding or length field is malformed, the text is not UTF-8, or the
     *         message is addressed to another app id
     */
    public String decrypt(String msgSignature, String timestamp, String nonce, String encrypted) {
        if (msgSignature == null || timestamp == null || nonce == null || encrypted == null) {
            throw new ChannelException(Reason.SIGNATURE, "missing msg_signature, timestamp, nonce or encrypted payload");
        }
        byte[] expected = signature(timestamp, nonce, encrypted);
        byte[] given = parseHexSignature(msgSignature);
        if (given == null || !MessageDigest.isEqual(expected, given)) {
            throw new ChannelException(Reason.SIGNATURE, "msg_signature mismatch");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.MALFORMED, "encrypted payload is not base64");
        }
        if (ciphertext.length == 0 || ciphertext.length % AES_BLOCK != 0) {
            throw new ChannelException(Reason.MALFORMED, "ciphertext length is not a positive multiple of 16");
        }
        byte[] plain = cipher(Cipher.DECRYPT_MODE, ciphertext);
        try {
            return unwrap(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Extracts the {@code Encrypt} element from a callback's POST body and {@linkplain #decrypt
     * decrypts} it. The envelope is parsed with DTDs and external entities disabled.
     *
     * @param msgSignature the {@code msg_signature} query parameter
     * @param timestamp the {@code timestamp} query parameter
     * @param nonce the {@code nonce} query parameter
     * @param envelopeXml the request body, {@code <xml>…<Encrypt><![CDATA[…]]></Encrypt></xml>}
     * @return the decrypted XML
     * @throws ChannelException if the envelope is not XML, has a DOCTYPE, lacks a single
     *         {@code Encrypt} element, or {@link #decrypt} fails
     */
    public String decryptEnvelope(String msgSignature, String timestamp, String nonce, String envelopeXml) {
        if (envelopeXml == null) {
            throw new ChannelException(Reason.MALFORMED, "missing envelope");
        }
        return decrypt(msgSignature, timestamp, nonce, encryptElement(envelopeXml));
    }

    /**
     * Encrypts a reply for WeChat.
     *
     * @param xml the plaintext reply XML
     * @param timestamp the timestamp to sign and send (Unix seconds as text)
     * @param nonce the nonce to sign and send
     * @return the ciphertext and its {@code msg_signature}
     * @throws NullPointerException if an argument is {@code null}
     */
    public Encrypted encrypt(String xml, String timestamp, String nonce) {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(nonce, "nonce");
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        int unpadded = HEADER_BYTES + text.length + appId.length;
        int pad = PAD_BLOCK - unpadded % PAD_BLOCK;
        byte[] plain = new byte[unpadded + pad];
        byte[] prefix = new byte[RANDOM_BYTES];
        random.nextBytes(prefix);
        System.arraycopy(prefix, 0, plain, 0, RANDOM_BYTES);
        ByteBuffer.wrap(plain, RANDOM_BYTES, 4).putInt(text.length);
        System.arraycopy(text, 0, plain, HEADER_BYTES, text.length);
        System.arraycopy(appId, 0, plain, HEADER_BYTES + text.length, appId.length);
        Arrays.fill(plain, unpadded, plain.length, (byte) pad);
        String encrypted = Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, plain));
        Arrays.fill(plain, (byte) 0);
        String msgSignature = HexFormat.of().formatHex(signature(timestamp, nonce, encrypted));
        return new Encrypted(encrypted, msgSignature, timestamp, nonce);
    }

    /**
     * An encrypted reply.
     *
     * @param encrypted the base64 ciphertext
     * @param msgSignature the lowercase hex {@code msg_signature}
     * @param timestamp the signed timestamp
     * @param nonce the signed nonce
     */
    public record Encrypted(String encrypted, String msgSignature, String timestamp, String nonce) {

        /**
         * @param encrypted the base64 ciphertext
         * @param msgSignature the lowercase hex {@code msg_signature}
         * @param timestamp the signed timestamp
         * @param nonce the signed nonce
         * @throws NullPointerException if a component is {@code null}
         */
        public Encrypted {
            Objects.requireNonNull(encrypted, "encrypted");
            Objects.requireNonNull(msgSignature, "msgSignature");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(nonce, "nonce");
        }

        /**
         * @return the reply body WeChat expects:
         *         {@code <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>}, values in CDATA
         * @throws IllegalStateException if the timestamp or nonce contains {@code ]]>}
         */
        public String toXml() {
            return "<xml><Encrypt>" + cdata(encrypted) + "</Encrypt><MsgSignature>" + cdata(msgSignature)
                    + "</MsgSignature><TimeStamp>" + cdata(timestamp) + "</TimeStamp><Nonce>" + cdata(nonce)
                    + "</Nonce></xml>";
        }

        private static String cdata(String value) {
            if (value.contains("]]>")) {
                throw new IllegalStateException("value cannot be written as CDATA");
            }
            return "<![CDATA[" + value + "]]>";
        }
    }

    /** Padding, length field and app id checks on the decrypted bytes; never indexes out of range. */
    private String unwrap(byte[] plain) {
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
            throw new ChannelException(Reason.MALFORMED, "invalid padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new ChannelException(Reason.MALFORMED, "invalid padding");
            }
        }
        int content = plain.length - pad;
        if (content < HEADER_BYTES) {
            throw new ChannelException(Reason.MALFORMED, "decrypted message too short");
        }
        int length = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt();
        if (length < 0 || length > content - HEADER_BYTES) {
            throw new ChannelException(Reason.MALFORMED, "length field out of range");
        }
        byte[] receivedAppId = Arrays.copyOfRange(plain, HEADER_BYTES + length, content);
        if (!MessageDigest.isEqual(appId, receivedAppId)) {
            throw new ChannelException(Reason.SIGNATURE, "app id mismatch");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain, HEADER_BYTES, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ChannelException(Reason.MALFORMED, "decrypted message is not UTF-8");
        }
    }

    private byte[] cipher(int mode, byte[] input) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, AES_BLOCK));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new ChannelException(Reason.CONFIGURATION, "AES failure", e, false);
        }
    }

    private byte[] signature(String timestamp, String nonce, String encrypted) {
        String[] parts = {token, timestamp, nonce, encrypted};
        Arrays.sort(parts);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : parts) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    private static byte[] parseHexSignature(String hex) {
        if (hex.length() != SHA1_HEX_CHARS) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encryptElement(String envelopeXml) {
        Element root;
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            root = builder.parse(new InputSource(new StringReader(envelopeXml))).getDocumentElement();
        } catch (SAXException | IOException e) {
            // Not chained: parser messages can quote the input.
            throw new ChannelException(Reason.MALFORMED, "envelope is not well-formed XML without DOCTYPE");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
        String found = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && "Encrypt".equals(n.getNodeName())) {
                if (found != null) {
                    throw new ChannelException(Reason.MALFORMED, "envelope has more than one Encrypt element");
                }
                found = n.getTextContent();
            }
        }
        if (found == null) {
            throw new ChannelException(Reason.MALFORMED, "envelope has no Encrypt element");
        }
        return found;
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // ignored
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
