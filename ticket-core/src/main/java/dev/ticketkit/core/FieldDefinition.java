package dev.ticketkit.core;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's definition of a custom ticket field, against which every value is validated.
 *
 * @param key     the field's key, 1 to 64 characters of {@code [a-z0-9_.-]}, starting with a letter
 * @param type    the value type
 * @param label   a display label
 * @param options the allowed values for {@link FieldType#SINGLE_SELECT} and {@link FieldType#MULTI_SELECT}
 *                (at least one; empty for other types)
 */
public record FieldDefinition(String key, FieldType type, String label, List<String> options) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    public FieldDefinition {
        Checks.token(key, "field key", KEY);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        options = List.copyOf(Objects.requireNonNull(options, "options"));
        boolean select = type == FieldType.SINGLE_SELECT || type == FieldType.MULTI_SELECT;
        if (select && options.isEmpty()) {
            throw new IllegalArgumentException("select field '" + key + "' needs at least one option");
        }
        if (!select && !options.isEmpty()) {
            throw new IllegalArgumentException("field '" + key + "' of type " + type + " takes no options");
        }
        if (options.stream().distinct().count() != options.size()) {
            throw new IllegalArgumentException("field '" + key + "' has duplicate options");
        }
    }

    public static FieldDefinition text(String key, String label) {
        return new FieldDefinition(key, FieldType.TEXT, label, List.of());
    }

    public static FieldDefinition number(String key, String label) {
        return new FieldDefinition(key, FieldType.NUMBER, label, List.of());
    }

    public static FieldDefinition bool(String key, String label) {
        return new FieldDefinition(key, FieldType.BOOLEAN, label, List.of());
    }

    public static FieldDefinition date(String key, String label) {
        return new FieldDefinition(key, FieldType.DATE, label, List.of());
    }

    public static FieldDefinition singleSelect(String key, String label, String... options) {
        return new FieldDefinition(key, FieldType.SINGLE_SELECT, label, List.of(options));
    }

    public static FieldDefinition multiSelect(String key, String label, String... options) {
        return new FieldDefinition(key, FieldType.MULTI_SELECT, label, List.of(options));
    }

    /**
     * Checks a value against this definition.
     *
     * @return a description of what is wrong, or {@code null} if the value is acceptable
     */
    public String problemWith(FieldValue value) {
        Objects.requireNonNull(value, "value");
        if (value.type() != type) {
            return "field '" + key + "' expects " + type + " but got " + value.type();
        }
        if (value instanceof FieldValue.Choice c && !options.contains(c.value())) {
            return "field '" + key + "' has no option '" + c.value() + "'";
        }
        if (value instanceof FieldValue.Choices cs) {
            for (String v : cs.values()) {
                if (!options.contains(v)) {
                    return "field '" + key + "' has no option '" + v + "'";
                }
            }
        }
        return null;
    }
}
