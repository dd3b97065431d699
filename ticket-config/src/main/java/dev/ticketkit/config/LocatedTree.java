package dev.ticketkit.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON or YAML document read into plain maps ({@code LinkedHashMap}, in file order), lists and scalars (text,
 * integers as {@code Integer}/{@code Long}/{@code BigInteger}, decimals as {@code BigDecimal}, booleans, null),
 * remembering the line and column of every value and key by its path ({@code rules[3].when.all[1].op}), so that
 * a mistake found while interpreting it is reported where it is: {@link #error} and {@link #errorAtKey} make a
 * {@link ConfigException} reading {@code file:line:col: path: problem}. The typed reads ({@link #map},
 * {@link #text}, {@link #duration}, {@link #onlyKeys}, ...) throw the same.
 *
 * <p>The form is the one {@code Conditions.parse} takes. Duplicate keys are errors; YAML booleans are the YAML 1.2
 * ones only ({@code on}, {@code off}, {@code yes}, {@code no} stay text); documents nested deeper than
 * {@value #MAX_DEPTH} levels or larger than {@value #MAX_CHARS} characters are refused. Immutable.
 *
 * <pre>{@code
 * LocatedTree tree = LocatedTree.read(Path.of("sla.yaml"));
 * Map<String, Object> top = tree.map(tree.root(), "");
 * tree.onlyKeys(top, Set.of("policies"), "");
 * Duration d = tree.duration(top.get("grace"), "grace");   // sla.yaml:3:8: grace: expected a duration ...
 * }</pre>
 */
public final class LocatedTree {
    /** The deepest nesting read. */
    public static final int MAX_DEPTH = 64;
    /** The longest document read, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    /** The syntax of a document. */
    public enum Format {
        JSON, YAML;

        /** JSON for names ending in {@code .json}, else YAML. */
        public static Format of(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }
    }

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_CHARS).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().streamReadConstraints(LIMITS).build();

    private final String source;
    private final Object root;
    private final Map<String, int[]> positions;
    private final Map<String, int[]> keyPositions;

    private LocatedTree(String source, Object root, Map<String, int[]> positions, Map<String, int[]> keyPositions) {
        this.source = source;
        this.root = root;
        this.positions = positions;
        this.keyPositions = keyPositions;
    }

    /** Reads a file; JSON if its name ends in {@code .json}, else YAML. */
    public static LocatedTree read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(name, r, Format.of(name));
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, "", "could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Reads UTF-8 from a stream (not closed); the format from the source name. */
    public static LocatedTree read(String source, InputStream in) {
        Objects.requireNonNull(in, "in");
        return read(source, new InputStreamReader(in, StandardCharsets.UTF_8), Format.of(source));
    }

    /** Reads a text; the format from the source name. */
    public static LocatedTree parse(String source, String text) {
        Objects.requireNonNull(text, "text");
        return read(source, new StringReader(text), Format.of(source));
    }

    /**
     * Reads a document.
     *
     * @param source the name errors use (a file name such as {@code rules.yaml}), "" if none
     * @throws ConfigException for an empty, malformed, too deep or too large document, or a duplicate key
     */
    public static LocatedTree read(String source, Reader reader, Format format) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(format, "format");
        Map<String, int[]> positions = new HashMap<>();
        Map<String, int[]> keyPositions = new HashMap<>();
        boolean json = format == Format.JSON;
        try (JsonParser p = (json ? JSON : YAML).createParser(reader)) {
            if (p.nextToken() == null) {
                throw new ConfigException(source, 0, 0, "", "the document is empty");
            }
            Object root = value(source, p, "", positions, keyPositions, 0, json);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new ConfigException(source, (int) l.getLineNr(), (int) l.getColumnNr(), "",
                        "more than one document");
            }
            return new LocatedTree(source, root, positions, keyPositions);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            JsonLocation l = e.getLocation();
            String what = e.getMessage() != null && e.getMessage().contains("nesting")
                    ? "nested too deeply (more than " + MAX_DEPTH + " levels)"
                    : "too large (more than " + MAX_CHARS + " characters)";
            throw new ConfigException(source, l == null ? 0 : (int) l.getLineNr(), l == null ? 0 : (int) l.getColumnNr(),
                    "", what, e);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            if (msg == null) {
                msg = "syntax error";
            } else {
                int nl = msg.indexOf('\n');
                msg = nl < 0 ? msg : msg.substring(0, nl);
                if (msg.length() > 160) {
                    msg = msg.substring(0, 157) + "...";
                }
            }
            throw new ConfigException(source, l == null ? 0 : (int) l.getLineNr(), l == null ? 0 : (int) l.getColumnNr(),
                    "", "not valid " + format + ": " + msg, e);
        } catch (IOException e) {
            throw new ConfigException(source, 0, 0, "", "could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Object value(String source, JsonParser p, String path, Map<String, int[]> positions,
                                Map<String, int[]> keyPositions, int depth, boolean json) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        positions.put(path, new int[] {(int) at.getLineNr(), (int) at.getColumnNr()});
        if (depth > MAX_DEPTH) {
            throw new ConfigException(source, (int) at.getLineNr(), (int) at.getColumnNr(), path, "nested too deeply");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    String child = path.isEmpty() ? key : path + "." + key;
                    keyPositions.put(child, new int[] {(int) kl.getLineNr(), (int) kl.getColumnNr()});
                    if (m.containsKey(key)) {
                        throw new ConfigException(source, (int) kl.getLineNr(), (int) kl.getColumnNr(), child,
                                "duplicate key \"" + shorten(key) + "\"");
                    }
                    p.nextToken();
                    m.put(key, value(source, p, child, positions, keyPositions, depth + 1, json));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(source, p, path + "[" + i++ + "]", positions, keyPositions, depth + 1, json));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
            case VALUE_FALSE: {
                String text = p.getText();
                if (!json && text != null && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    return text;
                }
                return t == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL:
                return null;
            default:
                throw new ConfigException(source, (int) at.getLineNr(), (int) at.getColumnNr(), path,
                        "unexpected " + t.name().toLowerCase(Locale.ROOT));
        }
    }

    /** The document: maps, lists and scalars. */
    public Object root() {
        return root;
    }

    /** The name errors use. */
    public String source() {
        return source;
    }

    /**
     * The line and column of the value at {@code path}, or of its nearest ancestor the document has; {@code {0, 0}}
     * when none is known.
     */
    public int[] locate(String path) {
        String p = Objects.requireNonNull(path, "path");
        while (true) {
            int[] at = positions.get(p);
            if (at != null) {
                return at.clone();
            }
            if (p.isEmpty()) {
                return new int[] {0, 0};
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** A mistake at {@code path}, placed at its value (or the nearest ancestor's). */
    public ConfigException error(String path, String problem) {
        int[] at = locate(path);
        return new ConfigException(source, at[0], at[1], path, problem);
    }

    /** A mistake in the key that ends {@code path} (an unknown key), placed at the key. */
    public ConfigException errorAtKey(String path, String problem) {
        int[] at = keyPositions.get(path);
        return at == null ? error(path, problem) : new ConfigException(source, at[0], at[1], path, problem);
    }

    // ---- typed reads ---------------------------------------------------------------------------

    /** The value as a map, or the error "expected a map". */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw error(path, "expected a map, got " + describe(value));
    }

    /** The value as a list, or the error "expected a list". */
    @SuppressWarnings("unchecked")
    public List<Object> list(Object value, String path) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw error(path, "expected a list, got " + describe(value));
    }

    /** The value as non-blank text, or the error "expected text". */
    public String text(Object value, String path) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw error(path, "expected text, got " + describe(value));
    }

    /** The value as a boolean, or the error "expected true or false". */
    public boolean bool(Object value, String path) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(path, "expected true or false, got " + describe(value));
    }

    /** The value as an int within {@code [min, max]}, or an error naming the range. */
    public int integer(Object value, String path, int min, int max) {
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            java.math.BigInteger v = new java.math.BigInteger(value.toString());
            if (v.compareTo(java.math.BigInteger.valueOf(min)) >= 0 && v.compareTo(java.math.BigInteger.valueOf(max)) <= 0) {
                return v.intValue();
            }
        }
        throw error(path, "expected a whole number from " + min + " to " + max + ", got " + describe(value));
    }

    /** The value as a duration of the one grammar ({@link Durations}), or an error naming it. */
    public Duration duration(Object value, String path) {
        return Durations.parse(value).orElseThrow(() -> error(path, "expected " + Durations.EXPECTED + ", got "
                + describe(value)));
    }

    /** Fails at the first key of {@code map} that is not {@code allowed}, naming the allowed ones. */
    public void onlyKeys(Map<String, Object> map, Collection<String> allowed, String path) {
        for (String k : map.keySet()) {
            if (!allowed.contains(k)) {
                String here = path.isEmpty() ? k : path + "." + k;
                throw errorAtKey(here, "unknown key \"" + shorten(k) + "\" (expected one of "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** Fails if a required key is missing. */
    public void requireKeys(Map<String, Object> map, Set<String> required, String path) {
        for (String k : new TreeSet<>(required)) {
            if (!map.containsKey(k)) {
                throw error(path, "missing key \"" + k + "\"");
            }
        }
    }

    /** How a value is named in errors: its kind, or a short quote of text. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "\"" + shorten(s) + "\"";
        }
        return value.toString();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    @Override
    public String toString() {
        return "LocatedTree[" + source + "]";
    }
}
