package dev.ticketkit.connectors.email;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One attachment or inline part (image, attached message, delivery report …) of a parsed email.
 *
 * <p>{@link #size()} is always the decoded size in bytes. The decoded content is kept in memory
 * only when it is at most {@link EmailParser.Builder#maxAttachmentBytes(int)}; a larger attachment
 * keeps its metadata, {@link #contentKept()} is {@code false} and {@link #bytes()} throws. Nothing
 * is spilled to disk. Immutable and thread-safe.
 */
public final class ParsedAttachment {

    private final String filename;
    private final String contentType;
    private final long size;
    private final boolean inline;
    private final String contentId;
    private final byte[] content;

    ParsedAttachment(String filename, String contentType, long size, boolean inline,
                     String contentId, byte[] content) {
        this.filename = Objects.requireNonNull(filename, "filename");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        this.size = size;
        this.inline = inline;
        this.contentId = contentId;
        this.content = content;
    }

    /**
     * The file name: decoded (RFC 2047 / RFC 2231), stripped of any directory part and control
     * characters, at most 255 characters. When the message gives none, a name is made up:
     * {@code attachment-N.ext} (extension from the content type), or for an attached message its
     * subject plus {@code .eml}.
     *
     * @return the file name, never empty
     */
    public String filename() {
        return filename;
    }

    /**
     * @return the media type in lower case without parameters, e.g. {@code image/png}
     */
    public String contentType() {
        return contentType;
    }

    /**
     * @return the decoded size in bytes, also when the content was not kept
     */
    public long size() {
        return size;
    }

    /**
     * @return {@code true} for a part with {@code Content-Disposition: inline}, or with no
     *     disposition but a {@code Content-ID} (an image the HTML refers to as {@code cid:})
     */
    public boolean inline() {
        return inline;
    }

    /**
     * @return the {@code Content-ID} without angle brackets, if the part has one
     */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /**
     * @return whether the decoded content was kept (its size was within the attachment limit)
     */
    public boolean contentKept() {
        return content != null;
    }

    /**
     * @return a copy of the decoded content
     * @throws IllegalStateException if the content was larger than the limit and not kept
     */
    public byte[] bytes() {
        return requireContent().clone();
    }

    /**
     * @return a new stream over the decoded content
     * @throws IllegalStateException if the content was larger than the limit and not kept
     */
    public InputStream openStream() {
        return new ByteArrayInputStream(requireContent());
    }

    private byte[] requireContent() {
        if (content == null) {
            throw new IllegalStateException(
                    "attachment content was larger than the attachment limit and was not kept");
        }
        return content;
    }

    /** Shows the content type, size and flags; never the file name, which may be personal. */
    @Override
    public String toString() {
        return "ParsedAttachment[contentType=" + contentType + ", size=" + size + ", inline="
                + inline + ", contentKept=" + contentKept() + "]";
    }
}
