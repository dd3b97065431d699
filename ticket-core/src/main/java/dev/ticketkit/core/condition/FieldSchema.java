package dev.ticketkit.core.condition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields a family of conditions may test: SLA policies use {@link TicketFacts#SCHEMA}; rules add message,
 * event and order fields. Unknown fields are load errors, not run-time surprises. Immutable.
 *
 * <pre>{@code
 * FieldSchema rules = FieldSchema.builder()
 *     .include(TicketFacts.SCHEMA)
 *     .field("message.text", ValueKind.TEXT)
 *     .prefix("order.", ValueKind.ANY)          // order.status, order.amount, ...
 *     .build();
 * }</pre>
 */
public final class FieldSchema {
    private final Map<String, FieldSpec> fields;
    private final Map<String, ValueKind> prefixes;

    private FieldSchema(Map<String, FieldSpec> fields, Map<String, ValueKind> prefixes) {
        this.fields = Map.copyOf(fields);
        this.prefixes = Map.copyOf(prefixes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The field with this name: declared exactly, or under a declared prefix. */
    public Optional<FieldSpec> find(String name) {
        FieldSpec exact = fields.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, ValueKind> p : prefixes.entrySet()) {
            if (name.startsWith(p.getKey()) && name.length() > p.getKey().length()) {
                return Optional.of(FieldSpec.of(name, p.getValue()));
            }
        }
        return Optional.empty();
    }

    /** The exactly declared fields, sorted by name (for documentation and error hints). */
    public List<String> names() {
        return fields.keySet().stream().sorted().toList();
    }

    /** The declared prefixes such as {@code field.}. */
    public List<String> prefixes() {
        return prefixes.keySet().stream().sorted().toList();
    }

    public static final class Builder {
        private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
        private final Map<String, ValueKind> prefixes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder field(String name, ValueKind kind) {
            return field(FieldSpec.of(name, kind));
        }

        public Builder field(FieldSpec spec) {
            fields.put(Objects.requireNonNull(spec, "spec").name(), spec);
            return this;
        }

        /** Every name that starts with {@code prefix} (and is longer) is a field of this kind. */
        public Builder prefix(String prefix, ValueKind kind) {
            prefixes.put(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(kind, "kind"));
            return this;
        }

        /** Adds all fields and prefixes of another schema. */
        public Builder include(FieldSchema other) {
            fields.putAll(other.fields);
            prefixes.putAll(other.prefixes);
            return this;
        }

        public FieldSchema build() {
            return new FieldSchema(fields, prefixes);
        }
    }
}
