package dev.ticketkit.core.condition;

import java.util.List;
import java.util.Objects;

/**
 * A field conditions may test, as declared by a {@link FieldSchema}.
 *
 * @param name      the name used in conditions, such as {@code priority} or {@code customer.tier}
 * @param kind      its type
 * @param constants for {@link ValueKind#ENUM}, the constants in increasing order; empty otherwise
 */
public record FieldSpec(String name, ValueKind kind, List<String> constants) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        constants = List.copyOf(constants);
        if (kind == ValueKind.ENUM && constants.isEmpty()) {
            throw new IllegalArgumentException("an ENUM field needs its constants");
        }
    }

    public static FieldSpec of(String name, ValueKind kind) {
        return new FieldSpec(name, kind, List.of());
    }

    /** An enum field whose constants are the given enum's, in declaration order. */
    public static FieldSpec ofEnum(String name, Class<? extends Enum<?>> type) {
        return new FieldSpec(name, ValueKind.ENUM,
                java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /** The rank of an enum constant (case-insensitive), or -1. */
    public int rank(String constant) {
        for (int i = 0; i < constants.size(); i++) {
            if (constants.get(i).equalsIgnoreCase(constant)) {
                return i;
            }
        }
        return -1;
    }
}
