package dev.ticketkit.sla;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON or YAML document read into plain maps, lists and scalars (the form
 * {@code Conditions.parse} takes), remembering the line and column of every node by its path
 * ({@code policies[2].targets.URGENT}), so that a mistake found later can be reported where it is.
 */
final class LocatedTree {
  /** Nesting deeper than this is refused (a hostile file must not overflow the stack). */
  private static final int MAX_DEPTH = 64;

  final Object root;
  private final String source;
  private final Map<String, int[]> positions;
  private final Map<String, int[]> keyPositions;

  private LocatedTree(Object root, String source, Map<String, int[]> positions, Map<String, int[]> keyPositions) {
    this.root = root;
    this.source = source;
    this.positions = positions;
    this.keyPositions = keyPositions;
  }

  static LocatedTree read(JsonFactory factory, InputStream in, String source) {
    Map<String, int[]> positions = new HashMap<>();
    Map<String, int[]> keyPositions = new HashMap<>();
    try (JsonParser p = factory.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new SlaPolicyException(source, 0, 0, "", "the document is empty");
      }
      Object root = value(p, "", positions, keyPositions, source, 0);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new SlaPolicyException(source, l.getLineNr(), l.getColumnNr(), "", "unexpected content after the document");
      }
      return new LocatedTree(root, source, positions, keyPositions);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      // first line of the parser's message only; it never carries ticket data, but keep it short
      int nl = msg == null ? -1 : msg.indexOf('\n');
      String shortMsg = msg == null ? "syntax error" : nl < 0 ? msg : msg.substring(0, nl);
      throw new SlaPolicyException(source, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
          "not valid: " + shortMsg, e);
    } catch (IOException e) {
      throw new SlaPolicyException(source, 0, 0, "", "could not be read: " + e.getClass().getSimpleName(), e);
    }
  }

  private static Object value(JsonParser p, String path, Map<String, int[]> positions, Map<String, int[]> keyPositions,
      String source, int depth)
      throws IOException {
    JsonLocation l = p.currentTokenLocation();
    positions.put(path, new int[] {l.getLineNr(), l.getColumnNr()});
    if (depth > MAX_DEPTH) {
      throw new SlaPolicyException(source, l.getLineNr(), l.getColumnNr(), path, "nested too deeply");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String here = path.isEmpty() ? key : path + "." + key;
          JsonLocation kl = p.currentTokenLocation();
          keyPositions.put(here, new int[] {kl.getLineNr(), kl.getColumnNr()});
          if (map.containsKey(key)) {
            throw new SlaPolicyException(source, kl.getLineNr(), kl.getColumnNr(), here, "duplicate key");
          }
          p.nextToken();
          map.put(key, value(p, here, positions, keyPositions, source, depth + 1));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p, path + "[" + i++ + "]", positions, keyPositions, source, depth + 1));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new SlaPolicyException(source, l.getLineNr(), l.getColumnNr(), path, "unexpected " + t);
    }
  }

  /** A mistake in the key that ends {@code path} (an unknown key, metric or priority), placed at the key. */
  SlaPolicyException errorAtKey(String path, String problem) {
    int[] at = keyPositions.get(path);
    return at == null ? error(path, problem) : new SlaPolicyException(source, at[0], at[1], path, problem);
  }

  /** A mistake at {@code path}, placed at the nearest node the document has (the path itself or a parent). */
  SlaPolicyException error(String path, String problem) {
    String p = path;
    while (true) {
      int[] at = positions.get(p);
      if (at != null) {
        return new SlaPolicyException(source, at[0], at[1], path, problem);
      }
      if (p.isEmpty()) {
        return new SlaPolicyException(source, 0, 0, path, problem);
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }
}
