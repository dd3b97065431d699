package dev.ticketkit.core.condition;

import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.spi.FactSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fact a condition may test in an engine: the ticket and its requester ({@link TicketFacts#SCHEMA}) and the
 * namespaces modules and the host added through {@link FactSource}s ({@code order.*}, {@code logistics.*},
 * {@code member.*}). Rules and SLA policies check their files against {@link #schema()} and evaluate against
 * {@link #of}. Get the engine's with {@code TicketEngine.facts()} or, in a module, {@code ModuleContext.facts()}.
 * Immutable and thread-safe.
 */
public final class FactCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(FactCatalog.class);
    private static final FactCatalog BASIC = new FactCatalog(List.of());

    private final Map<String, FactSource> sources;
    private final FieldSchema schema;

    private FactCatalog(List<FactSource> sources) {
        Map<String, FactSource> byNamespace = new LinkedHashMap<>();
        FieldSchema.Builder b = FieldSchema.builder().include(TicketFacts.SCHEMA);
        for (FactSource s : sources) {
            Objects.requireNonNull(s, "source");
            FactSource.checkNamespace(s.namespace(), s.schema());
            if (s.namespace().equals("customer") || s.namespace().equals("field")
                    || TicketFacts.SCHEMA.find(s.namespace()).isPresent()) {
                throw new IllegalArgumentException("fact namespace " + s.namespace() + " is the engine's own");
            }
            if (byNamespace.putIfAbsent(s.namespace(), s) != null) {
                throw new IllegalStateException("two fact sources for namespace " + s.namespace());
            }
            b.include(s.schema());
        }
        this.sources = Map.copyOf(byNamespace);
        this.schema = b.build();
    }

    /** The ticket's and requester's facts only. */
    public static FactCatalog basic() {
        return BASIC;
    }

    /**
     * A catalog of the ticket's facts and these sources.
     *
     * @throws IllegalArgumentException for a bad namespace, or one that is the engine's own
     * @throws IllegalStateException    for two sources of the same namespace
     */
    public static FactCatalog of(List<FactSource> sources) {
        return sources.isEmpty() ? BASIC : new FactCatalog(List.copyOf(sources));
    }

    /** Every field a condition may name: the ticket's, the requester's and every source's. */
    public FieldSchema schema() {
        return schema;
    }

    /** The registered namespaces. */
    public java.util.Set<String> namespaces() {
        return sources.keySet();
    }

    /**
     * The facts of a ticket, with history: {@code before} is the ticket before the current command (null if the
     * command created it). Module facts are asked for lazily, once per namespace, and have no history.
     */
    public Facts of(Ticket ticket, Customer requester, Ticket before) {
        return new Composed(TicketFacts.of(ticket, requester, before), ticket, requester, null);
    }

    /**
     * Like {@link #of(Ticket, Customer, Ticket)}, keeping module facts in {@code cache} (namespace to facts), so
     * that facts made again for the same ticket in one command (after a hook changed it) ask each source once.
     */
    public Facts of(Ticket ticket, Customer requester, Ticket before, Map<String, Map<String, Object>> cache) {
        return new Composed(TicketFacts.of(ticket, requester, before), ticket, requester, Objects.requireNonNull(cache, "cache"));
    }

    /** The facts of a ticket without history (the {@code changed} operators are false). */
    public Facts of(Ticket ticket, Customer requester) {
        return new Composed(TicketFacts.of(ticket, requester), ticket, requester, null);
    }

    /** A source's facts of a ticket (keys without the namespace); empty when it fails or has none. */
    public Map<String, Object> namespace(String namespace, Ticket ticket, Customer requester) {
        FactSource s = sources.get(namespace);
        if (s == null) {
            return Map.of();
        }
        try {
            Map<String, Object> m = s.facts(ticket, requester);
            return m == null ? Map.of() : m;
        } catch (RuntimeException e) {
            LOG.warn("fact source {} failed for ticket {}: {}", namespace, ticket.id(), e.getClass().getSimpleName());
            return Map.of();
        }
    }

    @Override
    public String toString() {
        return "FactCatalog" + sources.keySet();
    }

    private final class Composed implements Facts {
        private final TicketFacts base;
        private final Ticket ticket;
        private final Customer requester;
        private Map<String, Map<String, Object>> loaded;

        Composed(TicketFacts base, Ticket ticket, Customer requester, Map<String, Map<String, Object>> cache) {
            this.base = base;
            this.ticket = ticket;
            this.requester = requester;
            this.loaded = cache;
        }

        @Override
        public Object value(String field) {
            int dot = field.indexOf('.');
            if (dot > 0 && !sources.isEmpty()) {
                String ns = field.substring(0, dot);
                if (sources.containsKey(ns)) {
                    return namespace(ns).get(field.substring(dot + 1));
                }
            }
            return base.value(field);
        }

        @Override
        public Map<String, Object> namespace(String ns) {
            if (!sources.containsKey(ns)) {
                return Map.of();
            }
            if (loaded == null) {
                loaded = new HashMap<>(4);
            }
            return loaded.computeIfAbsent(ns, n -> FactCatalog.this.namespace(n, ticket, requester));
        }

        @Override
        public Object previous(String field) {
            int dot = field.indexOf('.');
            if (dot > 0 && sources.containsKey(field.substring(0, dot))) {
                return UNKNOWN;
            }
            return base.previous(field);
        }
    }
}
