package dev.ticketkit.routing.rules;

import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.condition.FieldSchema;
import dev.ticketkit.core.condition.FieldSpec;
import dev.ticketkit.core.condition.TicketFacts;
import dev.ticketkit.core.condition.ValueKind;

/**
 * The fields rule conditions may test: {@link TicketFacts#SCHEMA} (ticket and customer) plus the message,
 * event and elapsed-time fields below, and on an engine every registered fact ({@link #schema}). Unknown fields are load errors.
 *
 * <table>
 *   <caption>Rule fields besides the ticket's</caption>
 *   <tr><th>field</th><th>kind</th><th>value</th></tr>
 *   <tr><td>{@code text}</td><td>TEXT</td><td>the subject and the text of the message this command added</td></tr>
 *   <tr><td>{@code message.text}</td><td>TEXT</td><td>the latest message this command added (before rules ran)</td></tr>
 *   <tr><td>{@code message.author}</td><td>ENUM</td><td>CUSTOMER, AGENT, SYSTEM</td></tr>
 *   <tr><td>{@code message.visibility}</td><td>ENUM</td><td>PUBLIC, INTERNAL</td></tr>
 *   <tr><td>{@code message.channel}</td><td>TEXT</td><td>e.g. {@code WECHAT}</td></tr>
 *   <tr><td>{@code message.language}</td><td>TEXT</td><td>{@code zh}, {@code ja}, {@code ko} or {@code en}, from the script of the text</td></tr>
 *   <tr><td>{@code event}</td><td>TEXT_SET</td><td>the {@link RuleEvent}s of this command, e.g. {@code created}</td></tr>
 *   <tr><td>{@code event.sla_metric}, {@code event.sla_policy}</td><td>TEXT</td><td>the metrics and policies of the SLA warnings and breaches in this command (tested with {@code equals}/{@code in}, true if any is)</td></tr>
 *   <tr><td>{@code elapsed.since_created}, {@code elapsed.since_updated}, {@code elapsed.since_status_change}</td><td>DURATION</td><td>calendar time until the command: {@code since_updated} from the ticket's last update before this command (zero when the command creates it), {@code since_status_change} from when the ticket entered its current status (zero if this command moved it)</td></tr>
 *   <tr><td>{@code elapsed.business.since_created}, ... {@code since_updated}, {@code since_status_change}</td><td>DURATION</td><td>open time on the rule set's calendar</td></tr>
 *   <tr><td>{@code order.*}, {@code member.*}, ...</td><td></td><td>the facts modules (commerce) and the host
 *   register on the engine ({@code dev.ticketkit.core.spi.FactSource}), with the kinds their schemas declare</td></tr>
 * </table>
 */
public final class RuleFields {
    /** The prefix of business-hours elapsed fields. */
    static final String BUSINESS = "elapsed.business.";

    /** Every field a rule condition may test. */
    public static final FieldSchema SCHEMA = FieldSchema.builder()
            .include(TicketFacts.SCHEMA)
            .field("text", ValueKind.TEXT)
            .field("message.text", ValueKind.TEXT)
            .field(FieldSpec.ofEnum("message.author", AuthorKind.class))
            .field(FieldSpec.ofEnum("message.visibility", Visibility.class))
            .field("message.channel", ValueKind.TEXT)
            .field("message.language", ValueKind.TEXT)
            .field("event", ValueKind.TEXT_SET)
            .field("event.sla_metric", ValueKind.TEXT)
            .field("event.sla_policy", ValueKind.TEXT)
            .field("elapsed.since_created", ValueKind.DURATION)
            .field("elapsed.since_updated", ValueKind.DURATION)
            .field("elapsed.since_status_change", ValueKind.DURATION)
            .field(BUSINESS + "since_created", ValueKind.DURATION)
            .field(BUSINESS + "since_updated", ValueKind.DURATION)
            .field(BUSINESS + "since_status_change", ValueKind.DURATION)
            .build();

    /** The fields of rules on an engine: {@link #SCHEMA} and every fact the engine's modules and host added. */
    public static FieldSchema schema(dev.ticketkit.core.condition.FactCatalog facts) {
        return FieldSchema.builder().include(SCHEMA).include(facts.schema()).build();
    }

    private RuleFields() {
    }
}
