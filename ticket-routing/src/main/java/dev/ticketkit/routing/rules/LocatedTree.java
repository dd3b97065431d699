package dev.ticketkit.routing.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON or YAML document read with Jackson's streaming parser into plain maps, lists and scalars, keeping
 * the line and column of every value by its path ({@code rules[3].when.all[1].op}), so that load errors can
 * point into the file.
 */
final class LocatedTree implements RuleSet.Locator {
    private static final int MAX_DEPTH = 64;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

    final String source;
    final Object root;
    private final Map<String, int[]> locations;

    private LocatedTree(String source, Object root, Map<String, int[]> locations) {
        this.source = source;
        this.root = root;
        this.locations = locations;
    }

    /** Reads a document; YAML unless {@code json}. */
    static LocatedTree read(String source, Reader reader, boolean json) {
        Map<String, int[]> locs = new HashMap<>();
        try (JsonParser p = (json ? JSON : YAML).createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new RuleLoadException(source, 1, 1, "", "the file is empty");
            }
            Object root = value(source, p, "", locs, 0, json);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new RuleLoadException(source, (int) l.getLineNr(), (int) l.getColumnNr(), "", "more than one document");
            }
            return new LocatedTree(source, root, locs);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            if (msg != null) {
                int nl = msg.indexOf('\n');
                msg = nl < 0 ? msg : msg.substring(0, nl);
                if (msg.length() > 160) {
                    msg = msg.substring(0, 157) + "...";
                }
            }
            throw new RuleLoadException(source, l == null ? 0 : (int) l.getLineNr(), l == null ? 0 : (int) l.getColumnNr(),
                    "", "syntax error: " + msg);
        } catch (IOException e) {
            throw new RuleLoadException(source, 0, 0, "", "could not read: " + e.getClass().getSimpleName());
        }
    }

    private static Object value(String source, JsonParser p, String path, Map<String, int[]> locs, int depth, boolean json)
            throws IOException {
        JsonLocation at = p.currentTokenLocation();
        locs.put(path, new int[] {(int) at.getLineNr(), (int) at.getColumnNr()});
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (m.containsKey(key)) {
                        throw new RuleLoadException(source, (int) kl.getLineNr(), (int) kl.getColumnNr(), child,
                                "duplicate key \"" + key + "\"");
                    }
                    p.nextToken();
                    m.put(key, value(source, p, child, locs, depth + 1, json));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(source, p, path + "[" + i++ + "]", locs, depth + 1, json));
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
                // YAML 1.2 booleans only: "on", "off", "yes", "no" stay text (an id "off", an event "on")
                String text = p.getText();
                if (!json && text != null && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    return text;
                }
                return t == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL:
                return null;
            default:
                throw new RuleLoadException(source, (int) at.getLineNr(), (int) at.getColumnNr(), path,
                        "unexpected " + t.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public int[] locate(String path) {
        String p = path;
        while (true) {
            int[] l = locations.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return new int[] {0, 0};
            }
            int dot = p.lastIndexOf('.');
            int br = p.lastIndexOf('[');
            int cut = Math.max(dot, br);
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    RuleLoadException error(String path, String problem) {
        int[] at = locate(path);
        return new RuleLoadException(source, at[0], at[1], path, problem);
    }
}
