package dev.ticketkit.core.condition;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A field conditions may test, as declared by a {@link FieldSchema}.
 *
 * @param name        the name used in conditions, such as {@code priority} or {@code customer.tier}
 * @param kind        its type
 * @param constants   for {@link ValueKind#ENUM}, the constants in increasing order; empty otherwise
 * @param namedValues for {@link ValueKind#NUMBER}, names a literal may use instead of a number (case-insensitive),
 *                    such as {@code VIP} for 3 on {@code customer.tier}; empty otherwise
 */
public record FieldSpec(String name, ValueKind kind, List<String> constants, Map<String, BigDecimal> namedValues) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        constants = List.copyOf(constants);
        if (kind == ValueKind.ENUM && constants.isEmpty()) {
            throw new IllegalArgumentException("an ENUM field needs its constants");
        }
        Objects.requireNonNull(namedValues, "namedValues");
        if (!namedValues.isEmpty() && kind != ValueKind.NUMBER) {
            throw new IllegalArgumentException("only a NUMBER field has named values");
        }
        Map<String, BigDecimal> copy = new LinkedHashMap<>();
        namedValues.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException("a value name must not be blank");
            }
            copy.put(k, Objects.requireNonNull(v, "value of " + k));
        });
        namedValues = Collections.unmodifiableMap(copy);
    }

    /** A field without named values. */
    public FieldSpec(String name, ValueKind kind, List<String> constants) {
        this(name, kind, constants, Map.of());
    }

    public static FieldSpec of(String name, ValueKind kind) {
        return new FieldSpec(name, kind, List.of());
    }

    /** An enum field whose constants are the given enum's, in declaration order. */
    public static FieldSpec ofEnum(String name, Class<? extends Enum<?>> type) {
        return new FieldSpec(name, ValueKind.ENUM,
                java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /**
     * A number field whose literals may also be names, such as the member tiers {@code STANDARD} (0) to
     * {@code VIP} (3): {@code {field: customer.tier, op: gte, value: vip}} reads as {@code gte 3}.
     *
     * @param namedValues names and the numbers they stand for, in the order error messages list them
     */
    public static FieldSpec ofNumber(String name, Map<String, ? extends Number> namedValues) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        namedValues.forEach((k, v) -> values.put(k, Literals.number(v).orElseThrow(() ->
                new IllegalArgumentException("not a finite number for " + k))));
        return new FieldSpec(name, ValueKind.NUMBER, List.of(), values);
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

    /** The number a name stands for (case-insensitive, surrounding blanks ignored), or empty. */
    public Optional<BigDecimal> namedValue(String name) {
        String n = name.strip();
        for (Map.Entry<String, BigDecimal> e : namedValues.entrySet()) {
            if (e.getKey().equalsIgnoreCase(n)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
