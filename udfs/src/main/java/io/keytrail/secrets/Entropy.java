package io.keytrail.secrets;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy in bits per character, the floor gitleaks applies to a candidate secret. */
public final class Entropy {
    private Entropy() {}

    public static double shannon(CharSequence s) {
        return shannon(s, 0, s.length());
    }

    /** Entropy of s[start, end); 0 for an empty range. */
    public static double shannon(CharSequence s, int start, int end) {
        int n = end - start;
        if (n <= 0) return 0.0;
        // Keys are ASCII: count in an array, fall back to a map only for other chars.
        int[] ascii = new int[128];
        Map<Character, Integer> other = null;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (other == null) other = new HashMap<>();
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0.0;
        for (int count : ascii) h += term(count, n);
        if (other != null) for (int count : other.values()) h += term(count, n);
        return h;
    }

    private static double term(int count, int n) {
        if (count == 0) return 0.0;
        double p = (double) count / n;
        return -p * (Math.log(p) / Math.log(2));
    }
}
