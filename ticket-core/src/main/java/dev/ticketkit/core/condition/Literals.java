package dev.ticketkit.core.condition;

import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.MemberTier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading literals and comparing run-time values with them. */
final class Literals {
    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    private Literals() {
    }

    /** ISO-8601 ({@code PT72H}, {@code P3D}) or short ({@code 72h}, {@code 1h30m}, {@code 2d}, {@code 90s}). */
    static Optional<Duration> duration(Object literal) {
        if (literal instanceof Duration d) {
            return Optional.of(d);
        }
        if (!(literal instanceof String s) || s.isBlank()) {
            return Optional.empty();
        }
        String t = s.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
            if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
            if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
            if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
            return Optional.of(d);
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> instant(Object literal) {
        if (literal instanceof Instant i) {
            return Optional.of(i);
        }
        if (literal instanceof String s) {
            try {
                return Optional.of(Instant.parse(s.trim()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<BigDecimal> number(Object literal) {
        if (literal instanceof BigDecimal b) {
            return Optional.of(b);
        }
        if (literal instanceof MemberTier t) {
            return Optional.of(BigDecimal.valueOf(t.level())); // a tier stands for its level
        }
        if (literal instanceof Long || literal instanceof Integer || literal instanceof Short || literal instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) literal).longValue()));
        }
        if (literal instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? Optional.of(new BigDecimal(n.toString())) : Optional.empty();
        }
        if (literal instanceof String s) {
            try {
                return Optional.of(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<Boolean> bool(Object literal) {
        if (literal instanceof Boolean b) {
            return Optional.of(b);
        }
        if (literal instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) return Optional.of(Boolean.TRUE);
            if (t.equals("false")) return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    /** Whether a run-time value equals a literal; {@code spec} may be null (unbound conditions). */
    static boolean eq(Object actual, Object literal, FieldSpec spec) {
        if (actual == null || literal == null) {
            return actual == literal;
        }
        if (actual instanceof Enum<?> e) {
            return e.name().equalsIgnoreCase(literal.toString());
        }
        if (actual instanceof Number n) {
            Optional<BigDecimal> l = number(literal);
            return l.isPresent() && number(n).map(a -> a.compareTo(l.get()) == 0).orElse(false);
        }
        if (actual instanceof Boolean b) {
            return bool(literal).map(b::equals).orElse(false);
        }
        if (actual instanceof Instant i) {
            return instant(literal).map(i::equals).orElse(false);
        }
        if (actual instanceof Duration d) {
            return duration(literal).map(d::equals).orElse(false);
        }
        if (actual instanceof String s) {
            if (spec != null && spec.kind() == ValueKind.ENUM) {
                return s.equalsIgnoreCase(literal.toString());
            }
            if (literal instanceof String l) {
                return s.equals(l);
            }
            if (literal instanceof Number) {
                Optional<BigDecimal> a = number(s);
                return a.isPresent() && a.get().compareTo(number(literal).orElseThrow()) == 0;
            }
            return s.equals(literal.toString());
        }
        return actual.equals(literal) || actual.toString().equals(literal.toString());
    }

    /** The order of a run-time value against a literal, or null when they don't compare. */
    static Integer compare(Object actual, Object literal, FieldSpec spec) {
        if (actual == null || literal == null) {
            return null;
        }
        if (actual instanceof Number n) {
            Optional<BigDecimal> l = number(literal);
            return l.isPresent() ? Integer.valueOf(number(n).orElseThrow().compareTo(l.get())) : null;
        }
        if (actual instanceof Instant i) {
            return instant(literal).map(i::compareTo).orElse(null);
        }
        if (actual instanceof Duration d) {
            return duration(literal).map(d::compareTo).orElse(null);
        }
        if (actual instanceof Enum<?> e) {
            Object[] constants = e.getDeclaringClass().getEnumConstants();
            for (Object c : constants) {
                if (((Enum<?>) c).name().equalsIgnoreCase(literal.toString())) {
                    return Integer.compare(e.ordinal(), ((Enum<?>) c).ordinal());
                }
            }
            return null;
        }
        if (actual instanceof String s && spec != null && spec.kind() == ValueKind.ENUM) {
            int a = spec.rank(s);
            int l = spec.rank(literal.toString());
            return a < 0 || l < 0 ? null : Integer.compare(a, l);
        }
        if (actual instanceof String s && literal instanceof Number) {
            Optional<BigDecimal> a = number(s);
            return a.map(x -> x.compareTo(number(literal).orElseThrow())).orElse(null);
        }
        return null;
    }

    static boolean isSet(Object actual) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof String s) {
            return !s.isBlank();
        }
        if (actual instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (actual instanceof Optional<?> o) {
            return o.isPresent();
        }
        return true;
    }

    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            return number(a).orElseThrow().compareTo(number(b).orElseThrow()) == 0;
        }
        if (a instanceof Collection<?> ca && b instanceof Collection<?> cb) {
            return ca.size() == cb.size() && ca.containsAll(cb);
        }
        return a.equals(b);
    }

    /** A decimal written without an exponent ({@code 20}, not {@code 2E+1}), as {@link FieldValue.Number#plain()}. */
    static String plain(BigDecimal d) {
        return new FieldValue.Number(d).plain();
    }

    static String containsText(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)) ? needle : null;
    }
}
