package dev.ticketkit.routing.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled multi-pattern matcher over chars (Aho–Corasick). Built once per configuration; {@link #scan}
 * allocates nothing but the callback's own work. Children are kept in sorted char arrays, so the automaton
 * stays small for a mixed CJK and Latin alphabet. Immutable and thread-safe once built.
 */
final class AhoCorasick {
    /** Receives every occurrence of every pattern. */
    interface Hit {
        void on(int pattern, int start, int end);
    }

    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    private final int[][] out;
    private final int[] lengths;

    private AhoCorasick(char[][] keys, int[][] next, int[] fail, int[][] out, int[] lengths) {
        this.keys = keys;
        this.next = next;
        this.fail = fail;
        this.out = out;
        this.lengths = lengths;
    }

    /** Compiles the patterns; pattern {@code i} is reported as {@code i}. Empty patterns are not allowed. */
    static AhoCorasick compile(List<String> patterns) {
        List<StringBuilder> childKeys = new ArrayList<>();
        List<List<Integer>> childNext = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        childKeys.add(new StringBuilder());
        childNext.add(new ArrayList<>());
        outputs.add(new ArrayList<>());
        int[] lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            lengths[p] = s.length();
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                int idx = childKeys.get(node).indexOf(String.valueOf(c));
                if (idx < 0) {
                    childKeys.get(node).append(c);
                    childNext.get(node).add(childKeys.size());
                    childKeys.add(new StringBuilder());
                    childNext.add(new ArrayList<>());
                    outputs.add(new ArrayList<>());
                    node = childKeys.size() - 1;
                } else {
                    node = childNext.get(node).get(idx);
                }
            }
            outputs.get(node).add(p);
        }
        int n = childKeys.size();
        char[][] keys = new char[n][];
        int[][] next = new int[n][];
        for (int i = 0; i < n; i++) {
            // sort children by char so lookups can binary-search
            String k = childKeys.get(i).toString();
            List<Integer> nx = childNext.get(i);
            Integer[] order = new Integer[k.length()];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Character.compare(k.charAt(a), k.charAt(b)));
            keys[i] = new char[order.length];
            next[i] = new int[order.length];
            for (int j = 0; j < order.length; j++) {
                keys[i][j] = k.charAt(order[j]);
                next[i][j] = nx.get(order[j]);
            }
        }
        int[] fail = new int[n];
        List<List<Integer>> merged = new ArrayList<>(outputs);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next[0]) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int j = 0; j < keys[node].length; j++) {
                char c = keys[node][j];
                int child = next[node][j];
                int f = fail[node];
                int target;
                while (true) {
                    target = step(keys, next, f, c);
                    if (target >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[child] = target >= 0 && target != child ? target : 0;
                List<Integer> o = new ArrayList<>(merged.get(child));
                o.addAll(merged.get(fail[child]));
                merged.set(child, o);
                queue.add(child);
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = merged.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new AhoCorasick(keys, next, fail, out, lengths);
    }

    private static int step(char[][] keys, int[][] next, int node, char c) {
        int i = Arrays.binarySearch(keys[node], c);
        return i >= 0 ? next[node][i] : -1;
    }

    /** Reports every occurrence of every pattern in {@code text}, by end position. */
    void scan(CharSequence text, Hit hit) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int target;
            while ((target = step(keys, next, node, c)) < 0 && node != 0) {
                node = fail[node];
            }
            node = Math.max(target, 0);
            for (int p : out[node]) {
                hit.on(p, i + 1 - lengths[p], i + 1);
            }
        }
    }
}
