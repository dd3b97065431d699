package dev.ticketkit.compliance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The Aho–Corasick automaton behind {@link BannedPhrases}: a trie over the normalised phrases with failure and
 * dictionary-suffix links, run over the text one significant character at a time.
 *
 * <p>The alphabet is compressed: every code point that occurs in a phrase gets a symbol {@code 1..K}. A per-char
 * table (64K entries) maps each BMP char of the text, folded, straight to its symbol, or to
 * {@link TextFolding#SIGNIFICANT} (a significant char in no phrase: nothing can match across it),
 * {@link TextFolding#IGNORED}, {@link TextFolding#INVISIBLE} or {@link TextFolding#SURROGATE}. Goto edges live in
 * one open-addressing hash table keyed by (state, symbol), except the root's, which are a dense array.
 *
 * <p>Immutable after construction; {@link #scan} keeps its state on the stack, so one instance serves many threads.
 */
final class PhraseAutomaton {

    private static final long EMPTY = -1L;

    private final IntUnaryOperator fold;
    private final int[] charTable;
    private final Map<Integer, Integer> supplementarySymbols;
    private final int[] rootNext;
    private final long[] edgeKeys;
    private final int[] edgeTargets;
    private final int edgeMask;
    private final int[] fail;
    /** The phrase id ending at a state, or -1. */
    private final int[] terminal;
    /** The nearest state on the failure chain (excluding this one) that is terminal, or -1. */
    private final int[] dictLink;
    /** The phrase length in significant characters, per phrase id. */
    private final int[] phraseLength;
    /** Per phrase id: bit 0 if it starts with an ASCII letter or digit, bit 1 if it ends with one. */
    private final byte[] latinEdges;
    private final int ringMask;

    PhraseAutomaton(List<String> normalisedPhrases, IntUnaryOperator fold) {
        this.fold = fold;
        Map<Integer, Integer> symbols = new HashMap<>();
        List<Map<Integer, Integer>> children = new ArrayList<>();
        children.add(new HashMap<>());
        List<Integer> terminals = new ArrayList<>();
        terminals.add(-1);
        int phraseCount = normalisedPhrases.size();
        phraseLength = new int[phraseCount];
        latinEdges = new byte[phraseCount];
        int maxLength = 1;
        for (int id = 0; id < phraseCount; id++) {
            String phrase = normalisedPhrases.get(id);
            int state = 0;
            int length = 0;
            for (int i = 0; i < phrase.length(); ) {
                int cp = phrase.codePointAt(i);
                i += Character.charCount(cp);
                int symbol = symbols.computeIfAbsent(cp, k -> symbols.size() + 1);
                Integer next = children.get(state).get(symbol);
                if (next == null) {
                    next = children.size();
                    children.add(new HashMap<>());
                    terminals.add(-1);
                    children.get(state).put(symbol, next);
                }
                state = next;
                length++;
            }
            terminals.set(state, id);
            phraseLength[id] = length;
            maxLength = Math.max(maxLength, length);
            int first = phrase.codePointAt(0);
            int last = phrase.codePointBefore(phrase.length());
            latinEdges[id] = (byte) ((isAsciiAlnum(first) ? 1 : 0) | (isAsciiAlnum(last) ? 2 : 0));
        }
        ringMask = Integer.highestOneBit(maxLength * 2 - 1) * 2 - 1;

        int states = children.size();
        terminal = new int[states];
        for (int s = 0; s < states; s++) {
            terminal[s] = terminals.get(s);
        }

        // the per-char table and the supplementary symbols
        charTable = new int[0x10000];
        for (int c = 0; c < 0x10000; c++) {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                charTable[c] = TextFolding.SURROGATE;
                continue;
            }
            int f = fold.applyAsInt(c);
            Integer symbol = symbols.get(f);
            charTable[c] = symbol != null ? symbol : TextFolding.classify(f);
        }
        Map<Integer, Integer> supplementary = new HashMap<>();
        symbols.forEach((cp, symbol) -> {
            if (cp > 0xFFFF) {
                supplementary.put(cp, symbol);
            }
        });
        supplementarySymbols = Map.copyOf(supplementary);

        // goto edges: the root's dense, the others hashed
        rootNext = new int[symbols.size() + 1];
        int edgeCount = 0;
        for (int s = 0; s < states; s++) {
            edgeCount += children.get(s).size();
        }
        int capacity = Integer.highestOneBit(Math.max(4, edgeCount * 2 - 1)) * 2;
        edgeKeys = new long[capacity];
        Arrays.fill(edgeKeys, EMPTY);
        edgeTargets = new int[capacity];
        edgeMask = capacity - 1;
        children.get(0).forEach((symbol, target) -> rootNext[symbol] = target);
        for (int s = 1; s < states; s++) {
            for (Map.Entry<Integer, Integer> e : children.get(s).entrySet()) {
                putEdge(s, e.getKey(), e.getValue());
            }
        }

        // failure and dictionary links, breadth first
        fail = new int[states];
        dictLink = new int[states];
        Arrays.fill(dictLink, -1);
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int target : children.get(0).values()) {
            fail[target] = 0;
            queue[tail++] = target;
        }
        while (head < tail) {
            int s = queue[head++];
            for (Map.Entry<Integer, Integer> e : children.get(s).entrySet()) {
                int symbol = e.getKey();
                int t = e.getValue();
                fail[t] = step(fail[s], symbol);
                int f = fail[t];
                dictLink[t] = terminal[f] >= 0 ? f : dictLink[f];
                queue[tail++] = t;
            }
        }
    }

    private static boolean isAsciiAlnum(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    private void putEdge(int state, int symbol, int target) {
        long key = ((long) state << 32) | symbol;
        int i = slot(key, edgeMask);
        while (edgeKeys[i] != EMPTY) {
            i = (i + 1) & edgeMask;
        }
        edgeKeys[i] = key;
        edgeTargets[i] = target;
    }

    private int edge(int state, int symbol) {
        long key = ((long) state << 32) | symbol;
        int i = slot(key, edgeMask);
        long k;
        while ((k = edgeKeys[i]) != EMPTY) {
            if (k == key) {
                return edgeTargets[i];
            }
            i = (i + 1) & edgeMask;
        }
        return -1;
    }

    /** The automaton's transition: goto if there is an edge, else follow failure links. */
    private int step(int state, int symbol) {
        while (state != 0) {
            int t = edge(state, symbol);
            if (t >= 0) {
                return t;
            }
            state = fail[state];
        }
        return rootNext[symbol];
    }

    private int symbolOf(int cp) {
        Integer symbol = supplementarySymbols.get(cp);
        if (symbol != null) {
            return symbol;
        }
        return TextFolding.classify(fold.applyAsInt(cp));
    }

    List<PhraseHit> scan(String text, int maxGap, List<String> phrases) {
        int[] ring = new int[ringMask + 1];
        int[] table = charTable;
        long[] found = null; // packed (start, end) pairs
        int[] foundIds = null;
        int foundCount = 0;
        int state = 0;
        int gap = 0;
        int position = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int symbol = table[text.charAt(i)];
            int width = 1;
            if (symbol < 0) {
                if (symbol == TextFolding.SURROGATE) {
                    int cp = text.codePointAt(i);
                    width = Character.charCount(cp);
                    symbol = width == 2 ? symbolOf(cp) : TextFolding.IGNORED;
                }
                if (symbol == TextFolding.IGNORED) {
                    gap++;
                    i += width;
                    continue;
                }
                if (symbol == TextFolding.INVISIBLE) {
                    i += width;
                    continue;
                }
            }
            if (symbol == TextFolding.SIGNIFICANT) {
                state = 0;
                gap = 0;
                i += width;
                continue;
            }
            if (gap > maxGap) {
                state = 0;
            }
            gap = 0;
            ring[position & ringMask] = i;
            state = step(state, symbol);
            int end = i + width;
            int out = terminal[state] >= 0 ? state : dictLink[state];
            while (out >= 0) {
                int id = terminal[out];
                int start = ring[(position - phraseLength[id] + 1) & ringMask];
                if (latinEdgesOk(text, id, start, end)) {
                    if (found == null) {
                        found = new long[8];
                        foundIds = new int[8];
                    } else if (foundCount == found.length) {
                        found = Arrays.copyOf(found, foundCount * 2);
                        foundIds = Arrays.copyOf(foundIds, foundCount * 2);
                    }
                    found[foundCount] = ((long) start << 32) | end;
                    foundIds[foundCount++] = id;
                }
                out = dictLink[out];
            }
            position++;
            i = end;
        }
        if (foundCount == 0) {
            return new ArrayList<>(0);
        }
        return sortedHits(found, foundIds, foundCount, phrases);
    }

    private boolean latinEdgesOk(String text, int id, int start, int end) {
        int edges = latinEdges[id];
        if ((edges & 1) != 0 && start > 0 && TextFolding.isLatinWordChar(text.charAt(start - 1))) {
            return false;
        }
        return (edges & 2) == 0 || end >= text.length() || !TextFolding.isLatinWordChar(text.charAt(end));
    }

    /** Orders by start, end, then phrase id; hits arrive ordered by end, so this is a cheap sort in practice. */
    private static List<PhraseHit> sortedHits(long[] spans, int[] ids, int count, List<String> phrases) {
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(spans[a], spans[b]);
            return c != 0 ? c : Integer.compare(ids[a], ids[b]);
        });
        List<PhraseHit> hits = new ArrayList<>(count);
        for (Integer k : order) {
            long span = spans[k];
            hits.add(new PhraseHit(phrases.get(ids[k]), (int) (span >>> 32), (int) span));
        }
        return hits;
    }
}
