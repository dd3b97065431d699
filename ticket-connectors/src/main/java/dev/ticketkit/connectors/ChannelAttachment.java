package dev.ticketkit.connectors;

import dev.ticketkit.connectors.ChannelException.Reason;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A file on an inbound or outbound message. The bytes are streamed, not held: {@link #openStream()} opens the
 * content each time it is called (an adapter may return the bytes it parsed, a platform download, or a file),
 * and the stream it returns never yields more than the declared {@link #size()} — a source that tries to is
 * cut off with an {@link IOException}. Immutable. {@link #toString()} shows type and size, never the name.
 */
public final class ChannelAttachment {

    /** Opens the content of an attachment; may be called more than once. */
    @FunctionalInterface
    public interface ContentSource {
        /** A new stream over the content; the caller closes it. */
        InputStream open() throws IOException;
    }

    private final String filename;
    private final String contentType;
    private final long size;
    private final String contentId;
    private final boolean inline;
    private final ContentSource content;

    private ChannelAttachment(String filename, String contentType, long size, String contentId, boolean inline,
                              ContentSource content) {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(content, "content");
        if (filename.isBlank() || filename.length() > 255 || filename.chars().anyMatch(Character::isISOControl)) {
            throw new ChannelException(Reason.MALFORMED,
                    "attachment file name is blank, longer than 255 characters or has control characters");
        }
        if (contentType.isBlank() || contentType.length() > 255 || contentType.indexOf('/') < 1) {
            throw new ChannelException(Reason.MALFORMED, "attachment content type is not a MIME type");
        }
        if (size < 0) {
            throw new ChannelException(Reason.MALFORMED, "attachment size is negative");
        }
        this.filename = filename.strip();
        this.contentType = contentType.strip();
        this.size = size;
        this.contentId = contentId;
        this.inline = inline;
        this.content = content;
    }

    /**
     * An attachment whose content comes from {@code content}.
     *
     * @param filename    the file name as sent, 1 to 255 characters
     * @param contentType the MIME type, such as {@code image/jpeg}
     * @param size        the declared size in bytes; the stream is cut off beyond it
     * @param content     opens the content
     * @throws ChannelException if a value is not acceptable (blank name, no MIME type, negative size)
     */
    public static ChannelAttachment of(String filename, String contentType, long size, ContentSource content) {
        return new ChannelAttachment(filename, contentType, size, "", false, content);
    }

    /** An attachment over bytes already in memory (not copied: don't change them). */
    public static ChannelAttachment ofBytes(String filename, String contentType, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return of(filename, contentType, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    /** A copy marked inline (shown in the HTML body) with the given {@code Content-ID} (without angle brackets). */
    public ChannelAttachment asInline(String newContentId) {
        return new ChannelAttachment(filename, contentType, size, Objects.requireNonNull(newContentId, "contentId"),
                true, content);
    }

    public String filename() { return filename; }

    public String contentType() { return contentType; }

    /** The declared size in bytes. */
    public long size() { return size; }

    /** The {@code Content-ID} an HTML body refers to ({@code cid:...}), if any. */
    public Optional<String> contentId() { return contentId.isEmpty() ? Optional.empty() : Optional.of(contentId); }

    /** Whether the file is shown inside the body rather than attached. */
    public boolean inline() { return inline; }

    /**
     * A new stream over the content, cut off with an {@link IOException} after {@link #size()} bytes; the caller
     * closes it.
     *
     * @throws IOException if the source cannot be opened
     */
    public InputStream openStream() throws IOException {
        InputStream in = content.open();
        if (in == null) {
            throw new IOException("attachment content source returned no stream");
        }
        return new Bounded(in, size);
    }

    /** Type and size only. */
    @Override
    public String toString() {
        return "ChannelAttachment[" + contentType + ", " + size + " bytes" + (inline ? ", inline" : "") + "]";
    }

    /** Lets through at most the declared size; a source with more is an error, not silently cut. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw tooLong();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            // Ask for one byte more than allowed so that an over-long source is noticed.
            int n = super.read(buf, off, (int) Math.min(len, Math.max(1, Math.min(Integer.MAX_VALUE, left + 1))));
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw tooLong();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, Math.max(0, left)));
            left -= s;
            return s;
        }

        private static IOException tooLong() {
            return new IOException("attachment content is longer than its declared size");
        }
    }
}
