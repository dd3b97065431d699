package dev.ticketkit.connectors.intake;

import dev.ticketkit.connectors.ChannelAttachment;
import dev.ticketkit.core.TenantId;
import java.io.IOException;

/**
 * Where {@link Intake} puts the bytes of inbound attachments: TicketKit stores only an attachment's metadata
 * and the host's key for its bytes ({@link dev.ticketkit.core.Attachment#storageRef()}). Implementations copy
 * {@link ChannelAttachment#openStream()} to the host's file storage (object store, disk, database) and return
 * the key. Must be thread-safe. Intake calls it only for messages it is about to add (never for duplicates or
 * auto-replies) and only for attachments within its size limit.
 */
@FunctionalInterface
public interface AttachmentSink {

    /** A sink that stores nothing: attachments are kept as metadata with an empty storage key. */
    static AttachmentSink none() {
        return (tenant, attachment) -> "";
    }

    /**
     * Stores the attachment's content.
     *
     * @return the host's key for the stored bytes, at most 255 characters
     * @throws IOException if reading or storing fails (the attachment is then kept as metadata only, with a
     *                     warning on the result)
     */
    String store(TenantId tenant, ChannelAttachment attachment) throws IOException;
}
