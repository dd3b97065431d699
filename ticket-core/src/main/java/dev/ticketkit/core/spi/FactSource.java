package dev.ticketkit.core.spi;

import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.condition.FieldSchema;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Facts a module or the host adds to the condition model that rules and SLA policies share: the fields of one
 * namespace, such as {@code order.status} and {@code order.paid_amount} under {@code order}, or
 * {@code member.tier} under {@code member}. Register it with {@code ModuleContext.factSource} (a module) or
 * {@code TicketEngine.Builder.factSource} (the host); rule and policy files are then checked against its schema
 * when they load, and conditions read its values when they run.
 *
 * <pre>{@code
 * FactSource orders = FactSource.of("order", FieldSchema.builder()
 *         .field("order.status", ValueKind.TEXT).field("order.paid_amount", ValueKind.NUMBER).build(),
 *         (ticket, requester) -> oms.cachedFacts(ticket));
 * }</pre>
 *
 * <p>{@link #facts} runs inside the command's transaction, with the ticket's row locked: it must answer from
 * memory (a cache refreshed in the background), never wait on a remote system. It is called at most once per
 * ticket per command, and only when a condition or template reads one of its fields. A source that throws is
 * logged and its facts are unset for that command. Implementations must be thread-safe.
 */
public interface FactSource {

    /** The namespace: lower-case letters, digits and {@code _}, such as {@code order}. */
    String namespace();

    /** The fields, each named {@code <namespace>.<field>} (prefixes allowed, such as {@code order.item.}). */
    FieldSchema schema();

    /**
     * The facts of a ticket, keyed by field name without the namespace ({@code status} for
     * {@code order.status}), with the value types of {@link dev.ticketkit.core.condition.ValueKind}; absent keys
     * are unset. Never null.
     *
     * @param ticket    the ticket as the command has it now
     * @param requester its requester
     */
    Map<String, Object> facts(Ticket ticket, Customer requester);

    /** A source from a schema and a function. */
    static FactSource of(String namespace, FieldSchema schema, BiFunction<Ticket, Customer, Map<String, Object>> facts) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(facts, "facts");
        checkNamespace(namespace, schema);
        return new FactSource() {
            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public FieldSchema schema() {
                return schema;
            }

            @Override
            public Map<String, Object> facts(Ticket ticket, Customer requester) {
                return facts.apply(ticket, requester);
            }

            @Override
            public String toString() {
                return "FactSource[" + namespace + "]";
            }
        };
    }

    /**
     * Checks that a namespace is well formed and that the schema declares only fields under it.
     *
     * @throws IllegalArgumentException if not
     */
    static void checkNamespace(String namespace, FieldSchema schema) {
        if (!Pattern.matches("[a-z][a-z0-9_]{0,31}", namespace)) {
            throw new IllegalArgumentException("a fact namespace is 1 to 32 of [a-z0-9_], starting with a letter");
        }
        String prefix = namespace + ".";
        for (String f : schema.names()) {
            if (!f.startsWith(prefix)) {
                throw new IllegalArgumentException("fact " + f + " is outside its source's namespace " + namespace);
            }
        }
        for (String p : schema.prefixes()) {
            if (!p.startsWith(prefix)) {
                throw new IllegalArgumentException("fact prefix " + p + " is outside its source's namespace " + namespace);
            }
        }
    }
}
