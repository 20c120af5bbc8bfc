package io.keytrail.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Case-insensitive multi-keyword prefilter: one pass over the text says which rules are worth a regex.
 * Keywords are bucketed by first char, so a text with none of them costs one array lookup per char.
 */
final class KeywordIndex {
    private final String[] keywords;
    /** Per keyword: bitset of the rules that list it. */
    private final long[][] ruleBits;
    /** Per lower-case ASCII first char: indices into {@link #keywords}. */
    private final int[][] byFirstChar = new int[128][];
    private final int minKeywordLength;
    private final int words;

    KeywordIndex(List<SecretRule> rules) {
        words = Math.max(1, (rules.size() + 63) >>> 6);
        Map<String, long[]> bits = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String k : rules.get(r).keywords()) {
                bits.computeIfAbsent(k, x -> new long[words])[r >>> 6] |= 1L << r;
            }
        }
        keywords = bits.keySet().toArray(new String[0]);
        ruleBits = bits.values().toArray(new long[0][]);
        int min = Integer.MAX_VALUE;
        List<List<Integer>> buckets = new ArrayList<>();
        for (int c = 0; c < 128; c++) buckets.add(null);
        for (int i = 0; i < keywords.length; i++) {
            min = Math.min(min, keywords[i].length());
            int c = keywords[i].charAt(0);
            if (buckets.get(c) == null) buckets.set(c, new ArrayList<>());
            buckets.get(c).add(i);
        }
        for (int c = 0; c < 128; c++) {
            List<Integer> b = buckets.get(c);
            if (b != null) byFirstChar[c] = b.stream().mapToInt(Integer::intValue).toArray();
        }
        minKeywordLength = keywords.length == 0 ? Integer.MAX_VALUE : min;
    }

    /** Bitset of rules with a keyword in {@code text}, or null when there is none (the common case). */
    long[] candidates(CharSequence text) {
        int n = text.length();
        long[] hit = null;
        for (int i = 0, last = n - minKeywordLength; i <= last; i++) {
            int c = lower(text.charAt(i));
            if (c >= 128) continue;
            int[] bucket = byFirstChar[c];
            if (bucket == null) continue;
            for (int k : bucket) {
                if (startsWithAt(text, i, keywords[k])) {
                    if (hit == null) hit = new long[words];
                    long[] b = ruleBits[k];
                    for (int w = 0; w < words; w++) hit[w] |= b[w];
                }
            }
        }
        return hit;
    }

    private static boolean startsWithAt(CharSequence text, int at, String kw) {
        int len = kw.length();
        if (at + len > text.length()) return false;
        for (int j = 1; j < len; j++) {
            if (lower(text.charAt(at + j)) != kw.charAt(j)) return false;
        }
        return true;
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    static boolean has(long[] bits, int rule) {
        return (bits[rule >>> 6] & (1L << rule)) != 0;
    }
}
