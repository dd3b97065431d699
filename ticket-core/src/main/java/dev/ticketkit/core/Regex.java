package dev.ticketkit.core;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A regular expression that is safe to run on customer text: RE2 syntax, compiled by
 * <a href="https://github.com/google/re2j">RE2/J</a>, so that a match takes time linear in the length of the
 * text whatever the expression ({@code (.*a){10}x} on 64 characters answers at once, where
 * {@code java.util.regex} backtracks for minutes). Conditions with {@code matches} and order number patterns
 * use it. Immutable and thread-safe.
 *
 * <p>RE2 syntax is Perl's without the features that need backtracking: no lookahead or lookbehind
 * ({@code (?=}, {@code (?<!}), no backreferences ({@code \1}), no possessive quantifiers or atomic groups.
 * Inline flags ({@code (?i)}, {@code (?s)}, {@code (?m)}), named groups ({@code (?<id>...)} or
 * {@code (?P<id>...)}), {@code \d}, {@code \b}, {@code \p{L}} and scripts such as {@code \p{Han}} (not
 * {@code \p{IsHan}}) work. Case-insensitive matching folds Unicode case.
 *
 * <p>Linear time still depends on the size of the compiled expression: an expression may be at most
 * {@value #MAX_LENGTH} characters and compile to at most {@value #MAX_PROGRAM_SIZE} instructions (a counted
 * repetition such as {@code (.{0,100}){10}} multiplies its part). Within those limits a search of a 64 KiB text
 * (the default message limit) took at most about 1.5 s on a loaded 2-core machine; typical expressions take
 * milliseconds on such a text and well under one on a normal message.
 *
 * <pre>{@code
 * Regex r = Regex.of("(?i)refund|退款");
 * boolean hit = r.find("I want a REFUND");          // true
 * Regex.of("(?<![A-Z])\\d{6}");                     // IllegalArgumentException: lookbehind is not supported ...
 * }</pre>
 */
public final class Regex {
    /** The longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 1_000;
    /** The most instructions an expression may compile to (RE2/J's program size). */
    public static final int MAX_PROGRAM_SIZE = 1_000;
    /**
     * An estimate of the program size above which an expression is refused before RE2/J compiles it: nested
     * counted repetitions such as {@code ((a{1000}){1000}){1000}} would otherwise take all memory while compiling.
     * The estimate counts generously, so it stays far above {@link #MAX_PROGRAM_SIZE} for any expression that
     * compiles within it.
     */
    static final long MAX_ESTIMATE = 20L * MAX_PROGRAM_SIZE;

    private final String source;
    private final Pattern pattern;

    private Regex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Compiles an expression in RE2 syntax.
     *
     * @throws IllegalArgumentException naming what is wrong: a syntax error, a construct RE2 does not have (with
     *                                  a hint, e.g. lookbehind), or an expression too long or too large
     */
    public static Regex of(String source) {
        Objects.requireNonNull(source, "source");
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("regular expression longer than " + MAX_LENGTH + " characters");
        }
        if (estimatedSize(source) > MAX_ESTIMATE) {
            throw tooLarge("its counted repetitions multiply to more than " + MAX_PROGRAM_SIZE + " steps");
        }
        Pattern p;
        try {
            p = Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(syntaxProblem(source, e), e);
        }
        if (p.programSize() > MAX_PROGRAM_SIZE) {
            throw tooLarge("it compiles to " + p.programSize() + " steps, at most " + MAX_PROGRAM_SIZE + " are allowed");
        }
        return new Regex(source, p);
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /** The compiled RE2/J pattern, for callers that need groups and positions. */
    public Pattern pattern() {
        return pattern;
    }

    /** Whether the text contains a match anywhere (not only as a whole). */
    public boolean find(CharSequence text) {
        return pattern.matcher(Objects.requireNonNull(text, "text")).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regex r && r.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** {@code /source/}. */
    @Override
    public String toString() {
        return "/" + source + "/";
    }

    private static IllegalArgumentException tooLarge(String why) {
        return new IllegalArgumentException("regular expression too large: " + why
                + "; use smaller counted repetitions such as {1,20}, or * and + instead");
    }

    private static String syntaxProblem(String source, PatternSyntaxException e) {
        String hint = hint(source);
        String what = e.getDescription() == null ? "syntax error" : e.getDescription();
        String near = e.getPattern() == null || e.getPattern().isEmpty() ? "" : " in `" + shorten(e.getPattern()) + "`";
        return "bad regular expression: " + (hint != null ? hint : what + near)
                + " (RE2 syntax: no lookaround or backreferences, so that matching takes time linear in the text)";
    }

    /** A plainer explanation for the Perl/Java constructs RE2 leaves out, or null. */
    private static String hint(String s) {
        if (s.contains("(?=") || s.contains("(?!")) {
            return "lookahead (?= or (?! is not supported";
        }
        if (s.contains("(?<=") || s.contains("(?<!")) {
            return "lookbehind (?<= or (?<! is not supported";
        }
        if (s.contains("(?>")) {
            return "atomic groups (?> are not supported";
        }
        if (s.contains("\\p{Is") || s.contains("\\p{In") || s.contains("\\P{Is") || s.contains("\\P{In")) {
            return "write Unicode scripts and categories as \\p{Han} or \\p{L}, without Is or In";
        }
        for (int i = 0; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            char next = s.charAt(i + 1);
            if (c == '\\') {
                if ((next >= '1' && next <= '9') || next == 'k') {
                    return "backreferences such as \\" + next + " are not supported";
                }
                if ("pPx".indexOf(next) >= 0 && i + 2 < s.length() && s.charAt(i + 2) == '{') {
                    int close = s.indexOf('}', i);
                    i = close < 0 ? s.length() : close; // \p{Han}+ is a quantified class, not a possessive
                } else {
                    i++; // skip the escaped character
                }
            } else if (next == '+' && (c == '+' || c == '*' || c == '?' || c == '}')) {
                return "possessive quantifiers such as " + c + "+ are not supported";
            }
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /**
     * An estimate of the number of instructions an expression compiles to, read from its text without compiling
     * it: every character, class and escape counts one, a group two more than its content, and a counted repetition
     * {@code x{n,m}} counts {@code x} and one more m times. Within a factor of two of RE2/J's program size for the
     * expressions tests try; stops counting once past {@link #MAX_ESTIMATE}.
     */
    static long estimatedSize(String re) {
        final long cap = MAX_ESTIMATE + 1;
        Deque<Long> enclosing = new ArrayDeque<>(); // the size of each open group's surroundings so far
        long seq = 3;   // the size of the current group so far (a program has three instructions around the expression)
        long last = 0;  // the size of the last atom, which a quantifier repeats
        int n = re.length();
        int i = 0;
        while (i < n && seq <= cap) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && re.charAt(i + 1) == 'Q') {
                        int end = re.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        seq += stop - (i + 2);
                        last = 1;
                        i = end < 0 ? n : end + 2;
                    } else {
                        int j = Math.min(n, i + 2);
                        if (j < n && re.charAt(j) == '{' && "pPx".indexOf(re.charAt(i + 1)) >= 0) {
                            int close = re.indexOf('}', j);
                            j = close < 0 ? n : close + 1;
                        }
                        seq += 1;
                        last = 1;
                        i = j;
                    }
                }
                case '[' -> {
                    i = endOfClass(re, i);
                    seq += 1;
                    last = 1;
                }
                case '(' -> {
                    enclosing.push(seq);
                    seq = 0;
                    last = 0;
                    i++;
                }
                case ')' -> {
                    long group = seq + 2;
                    seq = (enclosing.isEmpty() ? 0 : enclosing.pop()) + group;
                    last = group;
                    i++;
                }
                case '|' -> {
                    seq += 1;
                    last = 0;
                    i++;
                }
                case '{' -> {
                    int close = re.indexOf('}', i);
                    long times = close < 0 ? -1 : repeatCount(re.substring(i + 1, close));
                    if (times < 0) {
                        seq += 1; // not a repetition: a literal brace
                        last = 1;
                        i++;
                    } else {
                        // RE2/J writes the part out once per count, each optional copy with one more instruction
                        seq = Math.min(cap, seq - last + (last + 1) * times);
                        last = Math.min(cap, (last + 1) * times);
                        i = close + 1;
                    }
                }
                default -> {
                    seq += 1;
                    last = 1;
                    i++;
                }
            }
            seq = Math.min(seq, cap);
        }
        while (!enclosing.isEmpty() && seq <= cap) {
            seq = Math.min(cap, seq + enclosing.pop());
        }
        return seq;
    }

    /** The largest count of {@code n}, {@code n,} or {@code n,m} (at least 1, at most 100000), or -1 if it is none. */
    private static long repeatCount(String body) {
        int comma = body.indexOf(',');
        String lo = comma < 0 ? body : body.substring(0, comma);
        String hi = comma < 0 ? body : body.substring(comma + 1);
        if (!digits(lo) || !(digits(hi) || (comma >= 0 && hi.isEmpty()))) {
            return -1;
        }
        long low = Long.parseLong(lo);
        long high = hi.isEmpty() ? low + 1 : Long.parseLong(hi);
        return Math.max(1, Math.min(100_000, Math.max(low, high)));
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The index after the character class starting at {@code start}. */
    private static int endOfClass(String re, int start) {
        int i = start + 1;
        int n = re.length();
        if (i < n && re.charAt(i) == '^') {
            i++;
        }
        if (i < n && re.charAt(i) == ']') {
            i++; // a leading ] is a literal
        }
        while (i < n && re.charAt(i) != ']') {
            i += re.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(n, i + 1);
    }
}
