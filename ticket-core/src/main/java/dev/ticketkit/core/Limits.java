package dev.ticketkit.core;

/**
 * Input limits the engine enforces on every command. Exceeding one is a {@link TicketValidationException}
 * and nothing is written. Build with {@link #ofDefaults()} or {@link #custom()}.
 *
 * @param maxSubjectLength        characters in a subject (default {@value #DEFAULT_MAX_SUBJECT_LENGTH})
 * @param maxMessageTextLength    characters of a message's text (default {@value #DEFAULT_MAX_MESSAGE_TEXT_LENGTH})
 * @param maxMessageHtmlLength    characters of a message's HTML (default {@value #DEFAULT_MAX_MESSAGE_HTML_LENGTH})
 * @param maxAttachmentsPerMessage attachments on one message (default {@value #DEFAULT_MAX_ATTACHMENTS_PER_MESSAGE})
 * @param maxTags                 tags on a ticket (default {@value #DEFAULT_MAX_TAGS})
 * @param maxTagLength            characters in a tag (default {@value #DEFAULT_MAX_TAG_LENGTH})
 * @param maxCustomFields         custom fields set on a ticket (default {@value #DEFAULT_MAX_CUSTOM_FIELDS})
 * @param maxCustomFieldTextLength characters of a text custom field (default {@value #DEFAULT_MAX_CUSTOM_FIELD_TEXT_LENGTH})
 * @param maxOrders               order references on a ticket (default {@value #DEFAULT_MAX_ORDERS})
 * @param maxLinks                links on a ticket (default {@value #DEFAULT_MAX_LINKS})
 * @param maxBulkSize             tickets in one bulk update (default {@value #DEFAULT_MAX_BULK_SIZE})
 * @param maxPageSize             tickets in one view page (default {@value #DEFAULT_MAX_PAGE_SIZE})
 */
public record Limits(
        int maxSubjectLength,
        int maxMessageTextLength,
        int maxMessageHtmlLength,
        int maxAttachmentsPerMessage,
        int maxTags,
        int maxTagLength,
        int maxCustomFields,
        int maxCustomFieldTextLength,
        int maxOrders,
        int maxLinks,
        int maxBulkSize,
        int maxPageSize) {

    public static final int DEFAULT_MAX_SUBJECT_LENGTH = 250;
    public static final int DEFAULT_MAX_MESSAGE_TEXT_LENGTH = 65_536;
    public static final int DEFAULT_MAX_MESSAGE_HTML_LENGTH = 524_288;
    public static final int DEFAULT_MAX_ATTACHMENTS_PER_MESSAGE = 20;
    public static final int DEFAULT_MAX_TAGS = 50;
    public static final int DEFAULT_MAX_TAG_LENGTH = 64;
    public static final int DEFAULT_MAX_CUSTOM_FIELDS = 100;
    public static final int DEFAULT_MAX_CUSTOM_FIELD_TEXT_LENGTH = 4_000;
    public static final int DEFAULT_MAX_ORDERS = 50;
    public static final int DEFAULT_MAX_LINKS = 500;
    public static final int DEFAULT_MAX_BULK_SIZE = 1_000;
    public static final int DEFAULT_MAX_PAGE_SIZE = 500;

    public Limits {
        positive(maxSubjectLength, "maxSubjectLength");
        positive(maxMessageTextLength, "maxMessageTextLength");
        positive(maxMessageHtmlLength, "maxMessageHtmlLength");
        positive(maxAttachmentsPerMessage, "maxAttachmentsPerMessage");
        positive(maxTags, "maxTags");
        positive(maxTagLength, "maxTagLength");
        positive(maxCustomFields, "maxCustomFields");
        positive(maxCustomFieldTextLength, "maxCustomFieldTextLength");
        positive(maxOrders, "maxOrders");
        positive(maxLinks, "maxLinks");
        positive(maxBulkSize, "maxBulkSize");
        positive(maxPageSize, "maxPageSize");
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }

    public static Limits ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxSubjectLength = maxSubjectLength;
        b.maxMessageTextLength = maxMessageTextLength;
        b.maxMessageHtmlLength = maxMessageHtmlLength;
        b.maxAttachmentsPerMessage = maxAttachmentsPerMessage;
        b.maxTags = maxTags;
        b.maxTagLength = maxTagLength;
        b.maxCustomFields = maxCustomFields;
        b.maxCustomFieldTextLength = maxCustomFieldTextLength;
        b.maxOrders = maxOrders;
        b.maxLinks = maxLinks;
        b.maxBulkSize = maxBulkSize;
        b.maxPageSize = maxPageSize;
        return b;
    }

    /** Builds {@link Limits}; each setter checks its argument at once. */
    public static final class Builder {
        private int maxSubjectLength = DEFAULT_MAX_SUBJECT_LENGTH;
        private int maxMessageTextLength = DEFAULT_MAX_MESSAGE_TEXT_LENGTH;
        private int maxMessageHtmlLength = DEFAULT_MAX_MESSAGE_HTML_LENGTH;
        private int maxAttachmentsPerMessage = DEFAULT_MAX_ATTACHMENTS_PER_MESSAGE;
        private int maxTags = DEFAULT_MAX_TAGS;
        private int maxTagLength = DEFAULT_MAX_TAG_LENGTH;
        private int maxCustomFields = DEFAULT_MAX_CUSTOM_FIELDS;
        private int maxCustomFieldTextLength = DEFAULT_MAX_CUSTOM_FIELD_TEXT_LENGTH;
        private int maxOrders = DEFAULT_MAX_ORDERS;
        private int maxLinks = DEFAULT_MAX_LINKS;
        private int maxBulkSize = DEFAULT_MAX_BULK_SIZE;
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;

        private Builder() {}

        private static int check(int v, String name) {
            positive(v, name);
            return v;
        }

        public Builder maxSubjectLength(int v) { maxSubjectLength = check(v, "maxSubjectLength"); return this; }

        public Builder maxMessageTextLength(int v) { maxMessageTextLength = check(v, "maxMessageTextLength"); return this; }

        public Builder maxMessageHtmlLength(int v) { maxMessageHtmlLength = check(v, "maxMessageHtmlLength"); return this; }

        public Builder maxAttachmentsPerMessage(int v) { maxAttachmentsPerMessage = check(v, "maxAttachmentsPerMessage"); return this; }

        public Builder maxTags(int v) { maxTags = check(v, "maxTags"); return this; }

        public Builder maxTagLength(int v) { maxTagLength = check(v, "maxTagLength"); return this; }

        public Builder maxCustomFields(int v) { maxCustomFields = check(v, "maxCustomFields"); return this; }

        public Builder maxCustomFieldTextLength(int v) { maxCustomFieldTextLength = check(v, "maxCustomFieldTextLength"); return this; }

        public Builder maxOrders(int v) { maxOrders = check(v, "maxOrders"); return this; }

        public Builder maxLinks(int v) { maxLinks = check(v, "maxLinks"); return this; }

        public Builder maxBulkSize(int v) { maxBulkSize = check(v, "maxBulkSize"); return this; }

        public Builder maxPageSize(int v) { maxPageSize = check(v, "maxPageSize"); return this; }

        public Limits build() {
            return new Limits(maxSubjectLength, maxMessageTextLength, maxMessageHtmlLength, maxAttachmentsPerMessage,
                    maxTags, maxTagLength, maxCustomFields, maxCustomFieldTextLength, maxOrders, maxLinks,
                    maxBulkSize, maxPageSize);
        }
    }
}
