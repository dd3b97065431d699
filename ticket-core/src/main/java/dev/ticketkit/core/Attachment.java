package dev.ticketkit.core;

import java.util.Objects;

/**
 * Metadata of a file attached to a message. The bytes live in the host's file storage; {@code storageRef}
 * is the host's key for them.
 *
 * @param filename    the file name as sent, never blank
 * @param contentType the MIME type, such as {@code image/jpeg}
 * @param size        the size in bytes
 * @param storageRef  where the host keeps the bytes ("" if nowhere yet)
 */
public record Attachment(String filename, String contentType, long size, String storageRef) {
    public Attachment {
        Checks.notBlank(filename, "filename");
        Checks.notBlank(contentType, "contentType");
        Checks.notNegative(size, "size");
        Objects.requireNonNull(storageRef, "storageRef");
    }

    public static Attachment of(String filename, String contentType, long size, String storageRef) {
        return new Attachment(filename, contentType, size, storageRef);
    }
}
