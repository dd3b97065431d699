package dev.ticketkit.connectors.internal;

import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.ChannelException.Reason;
import dev.ticketkit.connectors.RawDelivery;
import dev.ticketkit.core.Channel;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads untrusted payloads with the JDK alone: size limit, single headers and parameters, strict UTF-8, XML with
 * DOCTYPE, external entities and XInclude disabled (JSON, which needs Jackson, is read by ticket-webhooks). Every
 * failure is a non-retryable {@link ChannelException} ({@link Reason#TOO_LARGE} for the size limit,
 * {@link Reason#MALFORMED} or the reason the caller names otherwise) whose message names the check and the
 * channel, never the payload (parser messages quote input, so they are not chained).
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * Checks the body size.
     *
     * @throws ChannelException if the body is empty or longer than {@code maxBytes}
     */
    public static byte[] body(Channel channel, RawDelivery delivery, int maxBytes) {
        byte[] body = delivery.body();
        if (body.length == 0) {
            throw new ChannelException(Reason.MALFORMED, channel + " delivery has an empty body");
        }
        if (body.length > maxBytes) {
            throw new ChannelException(Reason.TOO_LARGE, channel + " delivery body is " + body.length
                    + " bytes, over the limit of "
                    + maxBytes);
        }
        return body;
    }

    /**
     * The single value of a header that must be present once.
     *
     * @throws ChannelException ({@link Reason#MALFORMED}) if it is missing, blank or given more than once
     */
    public static String singleHeader(Channel channel, RawDelivery delivery, String name) {
        return singleHeader(channel, delivery, name, Reason.MALFORMED);
    }

    /**
     * The single value of a header that must be present once; a missing, blank or repeated header is refused with
     * {@code reason} (such as {@link Reason#SIGNATURE} for a header the signature scheme needs).
     *
     * @throws ChannelException if it is missing, blank or given more than once
     */
    public static String singleHeader(Channel channel, RawDelivery delivery, String name, Reason reason) {
        return single(channel, delivery.headers().get(name.toLowerCase(java.util.Locale.ROOT)), "header " + name, reason);
    }

    /**
     * The single value of a query parameter that must be present once.
     *
     * @throws ChannelException ({@link Reason#MALFORMED}) if it is missing, blank or given more than once
     */
    public static String singleParameter(Channel channel, RawDelivery delivery, String name) {
        return singleParameter(channel, delivery, name, Reason.MALFORMED);
    }

    /**
     * The single value of a query parameter that must be present once; a missing, blank or repeated parameter is
     * refused with {@code reason}.
     *
     * @throws ChannelException if it is missing, blank or given more than once
     */
    public static String singleParameter(Channel channel, RawDelivery delivery, String name, Reason reason) {
        return single(channel, delivery.parameters().get(name), "parameter " + name, reason);
    }

    private static String single(Channel channel, List<String> values, String what, Reason reason) {
        if (values == null || values.isEmpty()) {
            throw new ChannelException(reason, channel + " delivery is missing " + what);
        }
        if (values.size() > 1) {
            throw new ChannelException(reason, channel + " delivery has " + what + " more than once");
        }
        String v = values.get(0);
        if (v == null || v.isBlank()) {
            throw new ChannelException(reason, channel + " delivery has an empty " + what);
        }
        return v.strip();
    }

    /** Decodes strict UTF-8. */
    public static String utf8(Channel channel, byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ChannelException(Reason.MALFORMED, channel + " delivery body is not UTF-8");
        }
    }

    /**
     * Parses untrusted XML into its root element with DOCTYPE (so entity expansion), external entities, external
     * DTDs and XInclude disabled.
     *
     * @throws ChannelException if the text is not well-formed XML without a DOCTYPE
     */
    public static Element xmlRoot(Channel channel, String xml) {
        try {
            DocumentBuilder builder = secureXml().newDocumentBuilder();
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new ChannelException(Reason.MALFORMED, channel + " delivery is not well-formed XML without DOCTYPE");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    private static DocumentBuilderFactory secureXml() throws ParserConfigurationException {
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

    private static final ErrorHandler STRICT = new ErrorHandler() {
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
