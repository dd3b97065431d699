package dev.ticketkit.routing.rules;

import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.core.condition.FieldSpec;
import dev.ticketkit.core.condition.Operator;
import dev.ticketkit.core.condition.ValueKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled form of a rule set's triggers: bit sets of triggers per event, and per field an index of the
 * tests that top-level conjunctions hold ({@code all(...)}), so that one evaluation looks at the candidates
 * only, in rule order.
 *
 * <ul>
 *   <li>equality ({@code equals}, {@code in}; {@code contains} on a set such as tags): a hash from value to the
 *       triggers that test for it;</li>
 *   <li>{@code starts_with}: a hash from (case-folded) prefix to triggers, probed with each prefix length;</li>
 *   <li>any other test shared by triggers (e.g. {@code customer.tier gte 2}): evaluated once per evaluation
 *       for all the triggers that hold it.</li>
 * </ul>
 *
 * A trigger is a candidate when every indexed conjunct may hold; for a candidate only the conjuncts that are
 * not indexed are evaluated (all of them when an index could not decide, e.g. a value of an unexpected type).
 * Pruning is sound: an indexed conjunct is a necessary condition of its trigger. Immutable and thread-safe.
 */
final class TriggerIndex {
    private static final int MAX_GENERIC_UNITS = 256;

    private final Trigger[] triggers;
    private final int words;
    private final long[][] byEvent;
    private final Unit[] units;
    private final Condition[] residual;
    private final boolean[] rescanAfter;
    private final Set<String> indexedFields;

    TriggerIndex(List<Trigger> list) {
        this.triggers = list.toArray(new Trigger[0]);
        int n = triggers.length;
        this.words = Math.max(1, (n + 63) >>> 6);
        this.byEvent = new long[RuleEvent.values().length][words];
        Map<String, HashUnit> hashUnits = new LinkedHashMap<>();
        Map<String, PrefixUnit> prefixUnits = new LinkedHashMap<>();
        Map<Condition.Test, GenericUnit> genericUnits = new LinkedHashMap<>();
        this.residual = new Condition[n];
        for (int r = 0; r < n; r++) {
            Trigger t = triggers[r];
            for (RuleEvent e : t.on()) {
                set(byEvent[e.ordinal()], r);
            }
            List<Condition> conjuncts = new ArrayList<>();
            flatten(t.when(), conjuncts);
            List<Condition> rest = new ArrayList<>();
            Set<String> usedHash = new HashSet<>();
            Set<String> usedPrefix = new HashSet<>();
            for (Condition c : conjuncts) {
                if (!(c instanceof Condition.Test test) || test.spec() == null) {
                    rest.add(c);
                    continue;
                }
                List<Object> keys = hashKeys(test);
                if (keys != null && usedHash.add(test.field() + "|" + hashMode(test))) {
                    hashUnits.computeIfAbsent(test.field() + "|" + hashMode(test),
                            k -> new HashUnit(test.field(), hashMode(test), words)).add(r, keys);
                    continue;
                }
                if (test.op() == Operator.STARTS_WITH && !hasSurrogate(test.literal().toString())
                        && usedPrefix.add(test.field())) {
                    prefixUnits.computeIfAbsent(test.field(), k -> new PrefixUnit(test.field(), words))
                            .add(r, fold(test.literal().toString()));
                    continue;
                }
                GenericUnit g = genericUnits.get(test);
                if (g == null && genericUnits.size() < MAX_GENERIC_UNITS) {
                    g = new GenericUnit(test, words);
                    genericUnits.put(test, g);
                }
                if (g != null) {
                    set(g.constrained, r);
                } else {
                    rest.add(c);
                }
            }
            residual[r] = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : Condition.all(rest);
        }
        List<Unit> all = new ArrayList<>();
        all.addAll(hashUnits.values());
        all.addAll(prefixUnits.values());
        all.addAll(genericUnits.values());
        this.units = all.toArray(new Unit[0]);
        Set<String> fields = new TreeSet<>();
        for (Trigger t : triggers) {
            fields.addAll(t.when().fields());
        }
        if (fields.stream().anyMatch(f -> f.startsWith("elapsed."))) {
            fields.add("updated_at"); // elapsed times are measured from these
            fields.add("status_changed_at");
        }
        this.indexedFields = Set.copyOf(fields);
        this.rescanAfter = new boolean[n];
        for (int r = 0; r < n; r++) {
            for (Action a : triggers[r].actions()) {
                for (String f : a.changes()) {
                    if (readsField(f)) {
                        rescanAfter[r] = true;
                    }
                }
            }
        }
    }

    /** Whether some trigger's condition reads the field (then a change to it makes the engine look again). */
    boolean readsField(String field) {
        return indexedFields.contains(field);
    }

    int size() {
        return triggers.length;
    }

    Trigger trigger(int r) {
        return triggers[r];
    }

    boolean rescanAfter(int r) {
        return rescanAfter[r];
    }

    /** Fresh bit set sized for this index. */
    long[] newBits() {
        return new long[words];
    }

    /**
     * Candidates for the facts and events, excluding {@code skip} (may be null), restricted to indexes at or
     * after {@code from}; fills {@code unsure} with the candidates an index could not decide.
     */
    long[] candidates(Facts facts, int eventMask, long[] skip, int from, long[] unsure) {
        long[] c = new long[words];
        for (RuleEvent e : RuleEvent.values()) {
            if ((eventMask & e.bit()) != 0) {
                long[] b = byEvent[e.ordinal()];
                for (int i = 0; i < words; i++) {
                    c[i] |= b[i];
                }
            }
        }
        if (skip != null) {
            for (int i = 0; i < words; i++) {
                c[i] &= ~skip[i];
            }
        }
        if (from > 0) {
            int w = from >>> 6;
            for (int i = 0; i < w && i < words; i++) {
                c[i] = 0;
            }
            if (w < words) {
                c[w] &= -1L << (from & 63);
            }
        }
        java.util.Arrays.fill(unsure, 0);
        for (Unit u : units) {
            if (!intersects(c, u.constrained)) {
                continue;
            }
            if (!u.apply(facts, c)) {
                for (int i = 0; i < words; i++) {
                    unsure[i] |= u.constrained[i];
                }
            }
            if (isEmpty(c)) {
                break;
            }
        }
        return c;
    }

    /** Whether candidate {@code r} holds, given what the indexes decided. */
    boolean holds(int r, Facts facts, long[] unsure) {
        if (get(unsure, r)) {
            return triggers[r].when().test(facts);
        }
        Condition rest = residual[r];
        return rest == null || rest.test(facts);
    }

    // ---- units ---------------------------------------------------------------------------------

    private abstract static class Unit {
        final long[] constrained;

        Unit(int words) {
            this.constrained = new long[words];
        }

        /** Narrows {@code c} to the triggers whose conjunct may hold; false when it could not decide. */
        abstract boolean apply(Facts facts, long[] c);

        static void narrow(long[] c, long[] hits, long[] constrained) {
            for (int i = 0; i < c.length; i++) {
                c[i] &= hits[i] | ~constrained[i];
            }
        }
    }

    /** Equality on one field: value key -> triggers. */
    private static final class HashUnit extends Unit {
        final String field;
        final char mode; // 'T' text, 'E' enum, 'N' number, 'A' any (text literals only), 'S' set contains
        final Map<Object, long[]> buckets = new HashMap<>();

        HashUnit(String field, char mode, int words) {
            super(words);
            this.field = field;
            this.mode = mode;
        }

        void add(int r, List<Object> keys) {
            set(constrained, r);
            for (Object k : keys) {
                set(buckets.computeIfAbsent(k, x -> new long[constrained.length]), r);
            }
        }

        @Override
        boolean apply(Facts facts, long[] c) {
            Object v = facts.value(field);
            if (v == null) {
                narrow(c, new long[c.length], constrained);
                return true;
            }
            if (v instanceof Collection<?> col) {
                long[] hits = new long[c.length];
                for (Object e : col) {
                    Object k = key(e);
                    if (k == UNDECIDED) {
                        return false;
                    }
                    or(hits, buckets.get(k));
                }
                narrow(c, hits, constrained);
                return true;
            }
            if (mode == 'S') {
                return false; // a set field holding a single text: "contains" means substring there
            }
            Object k = key(v);
            if (k == UNDECIDED) {
                return false;
            }
            long[] b = buckets.get(k);
            narrow(c, b == null ? new long[c.length] : b, constrained);
            return true;
        }

        private Object key(Object v) {
            switch (mode) {
                case 'E':
                    if (v instanceof Enum<?> e) {
                        return e.name();
                    }
                    return v instanceof String s ? s.toUpperCase(Locale.ROOT) : UNDECIDED;
                case 'N':
                    if (v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))
                            && !(v instanceof Float f && !Float.isFinite(f))) {
                        return numberKey(n);
                    }
                    return UNDECIDED;
                default:
                    return v instanceof String ? v : UNDECIDED;
            }
        }
    }

    /** {@code starts_with} on one field: case-folded prefix -> triggers. */
    private static final class PrefixUnit extends Unit {
        final String field;
        final Map<String, long[]> buckets = new HashMap<>();
        int[] lengths = new int[0];

        PrefixUnit(String field, int words) {
            super(words);
            this.field = field;
        }

        void add(int r, String prefix) {
            set(constrained, r);
            set(buckets.computeIfAbsent(prefix, x -> new long[constrained.length]), r);
            TreeSet<Integer> ls = new TreeSet<>();
            for (int l : lengths) {
                ls.add(l);
            }
            ls.add(prefix.length());
            lengths = ls.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        boolean apply(Facts facts, long[] c) {
            Object v = facts.value(field);
            long[] hits = new long[c.length];
            if (v instanceof String s) {
                if (hasSurrogate(s)) {
                    return false;
                }
                String folded = null;
                for (int l : lengths) {
                    if (l > s.length()) {
                        break;
                    }
                    if (folded == null) {
                        folded = fold(s.length() > lengths[lengths.length - 1] ? s.substring(0, lengths[lengths.length - 1]) : s);
                    }
                    or(hits, buckets.get(folded.substring(0, l)));
                }
            }
            narrow(c, hits, constrained);
            return true;
        }
    }

    /** Any other test shared by triggers: evaluated once for all of them. */
    private static final class GenericUnit extends Unit {
        final Condition.Test test;

        GenericUnit(Condition.Test test, int words) {
            super(words);
            this.test = test;
        }

        @Override
        boolean apply(Facts facts, long[] c) {
            if (!test.test(facts)) {
                for (int i = 0; i < c.length; i++) {
                    c[i] &= ~constrained[i];
                }
            }
            return true;
        }
    }

    // ---- compiling -----------------------------------------------------------------------------

    private static final Object UNDECIDED = new Object();

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.All a) {
            for (Condition x : a.conditions()) {
                flatten(x, out);
            }
        } else {
            out.add(c);
        }
    }

    private static char hashMode(Condition.Test t) {
        ValueKind k = t.spec().kind();
        return switch (k) {
            case ENUM -> 'E';
            case NUMBER -> 'N';
            case TEXT -> 'T';
            case TEXT_SET -> 'S';
            default -> 'A';
        };
    }

    /** The hash keys of an equality test, or null when it can't be hashed exactly. */
    private static List<Object> hashKeys(Condition.Test t) {
        FieldSpec spec = t.spec();
        ValueKind kind = spec.kind();
        boolean eq = t.op() == Operator.EQUALS || t.op() == Operator.IN;
        boolean setContains = kind == ValueKind.TEXT_SET && (t.op() == Operator.CONTAINS || t.op() == Operator.IN);
        if (kind == ValueKind.TEXT_SET ? !setContains : !eq) {
            return null;
        }
        if (kind != ValueKind.TEXT && kind != ValueKind.ENUM && kind != ValueKind.NUMBER && kind != ValueKind.TEXT_SET
                && kind != ValueKind.ANY) {
            return null;
        }
        List<Object> literals = t.literal() instanceof List<?> l ? new ArrayList<>(l) : List.of(t.literal());
        List<Object> keys = new ArrayList<>();
        for (Object lit : literals) {
            switch (kind) {
                case ENUM -> keys.add(lit.toString().toUpperCase(Locale.ROOT));
                case NUMBER -> {
                    if (!(lit instanceof BigDecimal b)) {
                        return null;
                    }
                    keys.add(b.stripTrailingZeros());
                }
                case ANY -> {
                    if (!(lit instanceof String s) || looksNumericOrBoolean(s)) {
                        return null;
                    }
                    keys.add(s);
                }
                default -> {
                    if (!(lit instanceof String s)) {
                        return null;
                    }
                    keys.add(s);
                }
            }
        }
        return keys;
    }

    private static boolean looksNumericOrBoolean(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return true;
        }
        try {
            new BigDecimal(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Object numberKey(Number n) {
        BigDecimal b;
        if (n instanceof BigDecimal x) {
            b = x;
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            b = BigDecimal.valueOf(n.longValue());
        } else {
            b = new BigDecimal(n.toString());
        }
        return b.stripTrailingZeros();
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Case folding that agrees with {@code String.regionMatches(true, ...)} char by char. */
    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
        }
        return new String(out);
    }

    // ---- bits ----------------------------------------------------------------------------------

    static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << (i & 63);
    }

    static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private static void or(long[] into, long[] b) {
        if (b != null) {
            for (int i = 0; i < into.length; i++) {
                into[i] |= b[i];
            }
        }
    }

    private static boolean intersects(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & b[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    static boolean isEmpty(long[] a) {
        for (long x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The next set bit at or after {@code from}, or -1. */
    static int next(long[] bits, int from) {
        int w = from >>> 6;
        if (w >= bits.length) {
            return -1;
        }
        long word = bits[w] & (-1L << (from & 63));
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == bits.length) {
                return -1;
            }
            word = bits[w];
        }
    }
}
