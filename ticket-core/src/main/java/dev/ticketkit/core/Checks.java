package dev.ticketkit.core;

import java.util.Objects;
import java.util.regex.Pattern;

/** Small argument checks shared by the value types of this package. */
final class Checks {
    private Checks() {}

    static String token(String value, String what, Pattern pattern) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + pattern.pattern());
        }
        return value;
    }

    static String notBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static long notNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }
}
