package dev.ticketkit.routing.classify;

import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldType;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.routing.Category;
import dev.ticketkit.routing.Classification;
import dev.ticketkit.routing.ClassificationInput;
import dev.ticketkit.routing.spi.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies new tickets and new customer messages inside the command and writes the result onto the ticket,
 * so rules, views and routing can use it:
 *
 * <ul>
 *   <li>a tag per category, {@code category:refund}, {@code category:logistics}, ... (prefix configurable);</li>
 *   <li>{@code urgent} and {@code sentiment:negative} tags;</li>
 *   <li>a language tag {@code lang:zh} or {@code lang:en}, set once;</li>
 *   <li>the priority raised to {@link Priority#HIGH} for urgent messages (configurable; never lowered);</li>
 *   <li>optionally, the primary category's id in a custom field the tenant defined (text or single select
 *       with the category ids as options); a tenant without the field is skipped.</li>
 * </ul>
 *
 * <p>On creation it reads the subject and the customer's messages; later it reads each new public customer
 * message and only adds (a message about an invoice adds {@code category:invoice}; tags are never removed).
 * Agents' and the system's messages are not classified. It is a {@link TicketModule}: install it before the rules
 * and the router so they see the tags:
 * {@code TicketEngine.builder().module(ClassificationHook.builder(classifier).build()).module(rules).module(router)}.
 * Thread-safe; installed on one engine only.
 */
public final class ClassificationHook implements CommandHook, TicketModule {
    private static final Logger LOG = LoggerFactory.getLogger(ClassificationHook.class);
    private static final Pattern TAG_PART = Pattern.compile("[a-z0-9_.:/+#-]{1,40}");

    /** Default prefix of category tags. */
    public static final String DEFAULT_CATEGORY_TAG_PREFIX = "category:";
    /** Default tag of urgent tickets. */
    public static final String DEFAULT_URGENT_TAG = "urgent";
    /** Default tag of tickets with a negative tone. */
    public static final String DEFAULT_NEGATIVE_TAG = "sentiment:negative";
    /** Default prefix of the language tag. */
    public static final String DEFAULT_LANGUAGE_TAG_PREFIX = "lang:";

    private final Classifier classifier;
    private final String categoryPrefix;
    private final String urgentTag;
    private final String negativeTag;
    private final String languagePrefix;
    private final Priority urgentPriority;
    private final String categoryField;
    private final boolean customerMessages;
    private final java.util.concurrent.atomic.AtomicBoolean installed = new java.util.concurrent.atomic.AtomicBoolean();

    private ClassificationHook(Builder b) {
        classifier = b.classifier;
        categoryPrefix = b.categoryPrefix != null ? b.categoryPrefix : DEFAULT_CATEGORY_TAG_PREFIX;
        urgentTag = b.urgentTag != null ? b.urgentTag : DEFAULT_URGENT_TAG;
        negativeTag = b.negativeTag != null ? b.negativeTag : DEFAULT_NEGATIVE_TAG;
        languagePrefix = b.languagePrefix != null ? b.languagePrefix : DEFAULT_LANGUAGE_TAG_PREFIX;
        urgentPriority = b.priorityBumpSet ? b.urgentPriority : Priority.HIGH;
        categoryField = b.categoryField;
        customerMessages = b.customerMessages == null || b.customerMessages;
    }

    public static Builder builder(Classifier classifier) {
        return new Builder(classifier);
    }

    /** The tag of a category, such as {@code category:refund}. */
    public String tagOf(Category category) {
        return categoryPrefix + category.id();
    }

    @Override
    public String name() {
        return "classification";
    }

    /**
     * Registers this hook on the engine.
     *
     * @throws IllegalStateException if it is already installed on an engine
     */
    @Override
    public void install(ModuleContext context) {
        java.util.Objects.requireNonNull(context, "context");
        if (!installed.compareAndSet(false, true)) {
            throw new IllegalStateException("the classification hook is already installed on an engine");
        }
        context.hook(this);
    }

    @Override
    public void beforeCommit(HookContext ctx) {
        Ticket t = ctx.ticket();
        boolean created = ctx.before().isEmpty();
        if (!created && !customerMessages) {
            return;
        }
        List<String> texts = new ArrayList<>();
        for (Message m : ctx.newMessages()) {
            if (m.isPublic() && m.authorKind() == AuthorKind.CUSTOMER && !m.text().isBlank()) {
                texts.add(m.text());
            }
        }
        if (!created && texts.isEmpty()) {
            return;
        }
        Classification c = classifier.classify(t.tenantId(), new ClassificationInput(created ? t.subject() : "",
                String.join("\n", texts), t.channel(), null));
        TicketUpdate.Builder u = TicketUpdate.builder();
        boolean change = false;
        for (Category cat : c.categories()) {
            String tag = tagOf(cat);
            if (!t.tags().contains(tag)) {
                u.addTags(tag);
                change = true;
            }
        }
        if (c.urgent() && !t.tags().contains(urgentTag)) {
            u.addTags(urgentTag);
            change = true;
        }
        if (c.negative() && !t.tags().contains(negativeTag)) {
            u.addTags(negativeTag);
            change = true;
        }
        if (t.tags().stream().noneMatch(tag -> tag.startsWith(languagePrefix))) {
            u.addTags(languagePrefix + c.language());
            change = true;
        }
        if (c.urgent() && urgentPriority != null && t.priority().compareTo(urgentPriority) < 0) {
            u.priority(urgentPriority);
            change = true;
        }
        if (categoryField != null && c.primary().isPresent() && !t.customFields().containsKey(categoryField)) {
            FieldValue v = fieldValue(ctx, c.primary().get());
            if (v != null) {
                u.field(categoryField, v);
                change = true;
            }
        }
        if (change) {
            ctx.update(u.build());
        }
    }

    private FieldValue fieldValue(HookContext ctx, Category primary) {
        for (FieldDefinition d : ctx.fieldDefinitions()) {
            if (d.key().equals(categoryField)) {
                if (d.type() == FieldType.TEXT) {
                    return FieldValue.text(primary.id());
                }
                if (d.type() == FieldType.SINGLE_SELECT && d.options().contains(primary.id())) {
                    return FieldValue.choice(primary.id());
                }
                LOG.debug("field {} of tenant {} can't hold category {}; left unset", categoryField, ctx.ticket().tenantId(), primary.id());
                return null;
            }
        }
        LOG.debug("tenant {} has no field {}; category not written to a field", ctx.ticket().tenantId(), categoryField);
        return null;
    }

    /** Builds a {@link ClassificationHook}; every option may be set once. */
    public static final class Builder {
        private final Classifier classifier;
        private String categoryPrefix;
        private String urgentTag;
        private String negativeTag;
        private String languagePrefix;
        private Priority urgentPriority;
        private boolean priorityBumpSet;
        private String categoryField;
        private Boolean customerMessages;

        private Builder(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        private static String tag(String value, String option, String current) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
            Objects.requireNonNull(value, option);
            if (!TAG_PART.matcher(value).matches()) {
                throw new IllegalArgumentException(option + " must be 1 to 40 characters of [a-z0-9_.:/+#-]");
            }
            return value;
        }

        /** Prefix of category tags (default {@value #DEFAULT_CATEGORY_TAG_PREFIX}). */
        public Builder categoryTagPrefix(String prefix) {
            categoryPrefix = tag(prefix, "categoryTagPrefix", categoryPrefix);
            return this;
        }

        /** Tag of urgent tickets (default {@value #DEFAULT_URGENT_TAG}). */
        public Builder urgentTag(String tag) {
            urgentTag = tag(tag, "urgentTag", urgentTag);
            return this;
        }

        /** Tag of tickets with a negative tone (default {@value #DEFAULT_NEGATIVE_TAG}). */
        public Builder negativeTag(String tag) {
            negativeTag = tag(tag, "negativeTag", negativeTag);
            return this;
        }

        /** Prefix of the language tag (default {@value #DEFAULT_LANGUAGE_TAG_PREFIX}: {@code lang:zh}). */
        public Builder languageTagPrefix(String prefix) {
            languagePrefix = tag(prefix, "languageTagPrefix", languagePrefix);
            return this;
        }

        /** The priority urgent tickets are raised to (default HIGH); null: never change the priority. */
        public Builder urgentPriority(Priority priority) {
            if (priorityBumpSet) {
                throw new IllegalStateException("urgentPriority was already set");
            }
            priorityBumpSet = true;
            urgentPriority = priority;
            return this;
        }

        /** A custom field (text, or single select with category ids as options) for the primary category. */
        public Builder categoryField(String key) {
            if (categoryField != null) {
                throw new IllegalStateException("categoryField was already set");
            }
            categoryField = Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("categoryField must not be blank");
            }
            return this;
        }

        /** Whether later customer messages are classified too (default true). */
        public Builder classifyCustomerMessages(boolean enabled) {
            if (customerMessages != null) {
                throw new IllegalStateException("classifyCustomerMessages was already set");
            }
            customerMessages = enabled;
            return this;
        }

        public ClassificationHook build() {
            return new ClassificationHook(this);
        }
    }
}
