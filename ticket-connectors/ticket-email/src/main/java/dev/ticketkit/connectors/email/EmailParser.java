package dev.ticketkit.connectors.email;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses raw MIME email (RFC 5322 / 2045–2049) into a {@link ParsedEmail}.
 *
 * <pre>{@code
 * EmailParser parser = EmailParser.create();          // once; thread-safe
 * ParsedEmail email = parser.parse(rawMimeStream);     // per message
 * }</pre>
 *
 * <p>The parser is immutable and thread-safe; create it once and share it. Every limit is enforced
 * while reading, before anything is decoded: the input is read through a bounded buffer that stops
 * at {@link #maxMessageBytes()} + 1 bytes, the top-level header section is scanned for size and
 * field count before it is parsed, and each multipart is counted before it is expanded.
 * What breaks a limit is either rejected with {@link EmailParseException} (message size, top-level
 * headers) or skipped with a note in {@link ParsedEmail#warnings()} (deep nesting, too many parts,
 * oversized part headers, large attachments, long text). Malformed content (bad base64 or
 * quoted-printable, a missing end boundary, unknown charsets) is decoded best-effort with a warning.
 * No input makes {@code parse} throw anything but {@link EmailParseException} (and
 * {@link NullPointerException} for a {@code null} stream).
 *
 * <p>The stream is read to its end (or to the limit) and is not closed.
 */
public final class EmailParser {

    /** Default for {@link Builder#maxMessageBytes(int)}: 32 MiB of raw MIME. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
    /** Default for {@link Builder#maxHeaderBytes(int)}: 256 KiB per header section. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 256 * 1024;
    /** Default for {@link Builder#maxHeaderCount(int)}: 1,000 fields per header section. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 1_000;
    /** Default for {@link Builder#maxMimeDepth(int)}: multiparts nested 20 deep. */
    public static final int DEFAULT_MAX_MIME_DEPTH = 20;
    /** Default for {@link Builder#maxParts(int)}: 500 MIME parts per message. */
    public static final int DEFAULT_MAX_PARTS = 500;
    /** Default for {@link Builder#maxAttachmentBytes(int)}: 16 MiB decoded per attachment. */
    public static final int DEFAULT_MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024;
    /** Default for {@link Builder#maxTextChars(int)}: 1,000,000 characters of text and of HTML. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 1_000_000;

    /** Upper bound of {@link Builder#maxMessageBytes(int)}: the largest Java array we allocate. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private static final Logger LOG = LoggerFactory.getLogger(EmailParser.class);

    private final int maxMessageBytes;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final int maxMimeDepth;
    private final int maxParts;
    private final int maxAttachmentBytes;
    private final int maxTextChars;

    private EmailParser(Builder b) {
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxHeaderCount = b.maxHeaderCount;
        this.maxMimeDepth = b.maxMimeDepth;
        this.maxParts = b.maxParts;
        this.maxAttachmentBytes = b.maxAttachmentBytes;
        this.maxTextChars = b.maxTextChars;
    }

    /**
     * @return a parser with the {@code DEFAULT_*} limits
     */
    public static EmailParser create() {
        return builder().build();
    }

    /**
     * @return a builder for a parser with custom limits; unset limits take their defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and parses one raw MIME message.
     *
     * @param rawMime the message bytes as received (e.g. from IMAP, an MTA pipe or an .eml file);
     *     read to its end, not closed
     * @return the parsed email, never {@code null}
     * @throws EmailParseException if the message is rejected (too large, header limits) or the
     *     stream fails
     */
    public ParsedEmail parse(InputStream rawMime) {
        Objects.requireNonNull(rawMime, "rawMime");
        byte[] raw = readBounded(rawMime, maxMessageBytes);
        return new MessageParser(this, raw).parse();
    }

    /**
     * Parses one raw MIME message held in memory.
     *
     * @param rawMime the message bytes; not modified and not retained
     * @return the parsed email
     * @throws EmailParseException as {@link #parse(InputStream)}
     */
    public ParsedEmail parse(byte[] rawMime) {
        Objects.requireNonNull(rawMime, "rawMime");
        if (rawMime.length > maxMessageBytes) {
            throw tooLarge();
        }
        return new MessageParser(this, rawMime.clone()).parse();
    }

    /** @return the maximum raw message size in bytes */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return the maximum size of one header section in bytes */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** @return the maximum number of fields in one header section */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** @return the maximum multipart nesting depth */
    public int maxMimeDepth() {
        return maxMimeDepth;
    }

    /** @return the maximum number of MIME parts, the message itself included */
    public int maxParts() {
        return maxParts;
    }

    /** @return the maximum decoded attachment size whose content is kept */
    public int maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    /** @return the maximum length of {@link ParsedEmail#text()} and {@link ParsedEmail#html()} */
    public int maxTextChars() {
        return maxTextChars;
    }

    @Override
    public String toString() {
        return "EmailParser[maxMessageBytes=" + maxMessageBytes + ", maxHeaderBytes="
                + maxHeaderBytes + ", maxHeaderCount=" + maxHeaderCount + ", maxMimeDepth="
                + maxMimeDepth + ", maxParts=" + maxParts + ", maxAttachmentBytes="
                + maxAttachmentBytes + ", maxTextChars=" + maxTextChars + "]";
    }

    private EmailParseException tooLarge() {
        return new EmailParseException("message exceeds the limit of " + maxMessageBytes + " bytes");
    }

    private byte[] readBounded(InputStream in, int limit) {
        byte[] buf = new byte[Math.min(limit + 1, 64 * 1024)];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) {
                    if (n > limit) {
                        throw tooLarge();
                    }
                    int grown = (int) Math.min((long) limit + 1, Math.max(2L * buf.length, 1024L));
                    buf = Arrays.copyOf(buf, grown);
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new EmailParseException("could not read the message stream", e);
        }
        if (n > limit) {
            throw tooLarge();
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * Builds an {@link EmailParser}. Each limit must be positive and may be set at most once.
     * Not thread-safe.
     */
    public static final class Builder {
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private int maxMimeDepth = DEFAULT_MAX_MIME_DEPTH;
        private int maxParts = DEFAULT_MAX_PARTS;
        private int maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private final java.util.Set<String> set = new java.util.HashSet<>();

        private Builder() {
        }

        /**
         * @param bytes the largest raw message accepted; a larger one is rejected with
         *     {@link EmailParseException} as soon as the limit is passed while reading
         *     (default {@link #DEFAULT_MAX_MESSAGE_BYTES})
         * @return this builder
         */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = check("maxMessageBytes", bytes, MAX_ARRAY);
            return this;
        }

        /**
         * @param bytes the largest header section; a larger top-level header section is rejected,
         *     a larger part header section makes the part skipped (default
         *     {@link #DEFAULT_MAX_HEADER_BYTES})
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = check("maxHeaderBytes", bytes, MAX_ARRAY);
            return this;
        }

        /**
         * @param count the most header fields in one section; more at the top level is rejected,
         *     more in a part makes the part skipped (default {@link #DEFAULT_MAX_HEADER_COUNT})
         * @return this builder
         */
        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = check("maxHeaderCount", count, Integer.MAX_VALUE);
            return this;
        }

        /**
         * @param depth how deep multiparts may nest; deeper ones are skipped with a warning
         *     (default {@link #DEFAULT_MAX_MIME_DEPTH})
         * @return this builder
         */
        public Builder maxMimeDepth(int depth) {
            this.maxMimeDepth = check("maxMimeDepth", depth, 1_000);
            return this;
        }

        /**
         * @param parts the most MIME parts looked at, the message included; a multipart that would
         *     pass the limit is skipped with a warning (default {@link #DEFAULT_MAX_PARTS})
         * @return this builder
         */
        public Builder maxParts(int parts) {
            this.maxParts = check("maxParts", parts, 1_000_000);
            return this;
        }

        /**
         * @param bytes the largest decoded attachment whose content is kept in memory; larger ones
         *     keep only their metadata (default {@link #DEFAULT_MAX_ATTACHMENT_BYTES})
         * @return this builder
         */
        public Builder maxAttachmentBytes(int bytes) {
            this.maxAttachmentBytes = check("maxAttachmentBytes", bytes, MAX_ARRAY);
            return this;
        }

        /**
         * @param chars the longest text and HTML body kept; longer ones are cut with a warning
         *     (default {@link #DEFAULT_MAX_TEXT_CHARS})
         * @return this builder
         */
        public Builder maxTextChars(int chars) {
            this.maxTextChars = check("maxTextChars", chars, MAX_ARRAY / 4);
            return this;
        }

        /**
         * @return a new, immutable parser
         */
        public EmailParser build() {
            EmailParser parser = new EmailParser(this);
            LOG.info("email parser configured: {}", parser);
            return parser;
        }

        private int check(String name, int value, int max) {
            if (!set.add(name)) {
                throw new IllegalStateException(name + " was already set");
            }
            if (value <= 0 || value > max) {
                throw new IllegalArgumentException(name + " must be in 1.." + max + ", was " + value);
            }
            return value;
        }
    }
}
