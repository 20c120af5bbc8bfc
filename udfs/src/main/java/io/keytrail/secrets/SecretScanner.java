package io.keytrail.secrets;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds full secrets in a text: keyword prefilter, rule regex, entropy floor, context requirement,
 * placeholder suppression. Thread-safe; serializable (the keyword index is rebuilt on arrival).
 */
public final class SecretScanner implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SecretRules rules;
    private final transient KeywordIndex index;
    private final transient SecretRule[] ruleArray;

    public SecretScanner(SecretRules rules) {
        this.rules = rules;
        this.ruleArray = rules.rules().toArray(new SecretRule[0]);
        this.index = new KeywordIndex(rules.rules());
    }

    private Object readResolve() throws ObjectStreamException {
        return new SecretScanner(rules);
    }

    public SecretRules rules() {
        return rules;
    }

    /**
     * All secrets in {@code text}, ordered by position and never overlapping (at one start the longest
     * match wins, then the earlier rule). An immutable empty list when there is none.
     */
    public List<SecretFinding> find(CharSequence text) {
        if (text == null || text.length() == 0) return List.of();
        long[] candidates = index.candidates(text);
        if (candidates == null) return List.of();
        List<SecretFinding> found = null;
        for (int r = 0; r < ruleArray.length; r++) {
            if (!KeywordIndex.has(candidates, r)) continue;
            SecretRule rule = ruleArray[r];
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int s = m.start(SecretRule.SECRET_GROUP);
                if (s < 0) continue;
                int e = m.end(SecretRule.SECRET_GROUP);
                String secret = text.subSequence(s, e).toString();
                if (!accepted(rule, secret) || !contextOk(rule, text, s, e)) continue;
                if (found == null) found = new ArrayList<>(2);
                found.add(new SecretFinding(rule.id(), rule.provider(), s, e, secret));
            }
        }
        if (found == null) return List.of();
        return found.size() == 1 ? List.of(found.get(0)) : withoutOverlaps(found);
    }

    /**
     * The secret when {@code value} is exactly one full secret and nothing else, else null. Made for
     * key-id fields: a rule's context (and its keyword, which may live only in the context) is not required,
     * since the field itself is the context; rules marked {@code standalone: false} are skipped, their bare
     * shape being too common to count on its own.
     */
    public SecretFinding matchWhole(String value) {
        if (value == null || value.isEmpty()) return null;
        return matchWhole(value, index.candidates(value), true);
    }

    /** {@link #matchWhole} restricted to rules with a context, for callers that already ran {@link #find}. */
    SecretFinding matchWholeContextRules(String value) {
        if (value == null || value.isEmpty()) return null;
        return matchWhole(value, null, false);
    }

    private SecretFinding matchWhole(String value, long[] candidates, boolean contextFreeRules) {
        for (int r = 0; r < ruleArray.length; r++) {
            SecretRule rule = ruleArray[r];
            if (!rule.standalone()) continue;
            if (rule.contextPattern() == null) {
                // Without a context the keyword is part of the key itself: same cheap skip as find().
                if (!contextFreeRules || candidates == null || !KeywordIndex.has(candidates, r)) continue;
            } else {
                String lit = rule.literalPrefix();
                if (lit != null && !value.startsWith(lit)) continue;
            }
            Matcher m = rule.pattern().matcher(value);
            if (!m.matches() || m.start(SecretRule.SECRET_GROUP) != 0 || m.end(SecretRule.SECRET_GROUP) != value.length()) continue;
            if (!accepted(rule, value)) continue;
            return new SecretFinding(rule.id(), rule.provider(), 0, value.length(), value);
        }
        return null;
    }

    private boolean accepted(SecretRule rule, String secret) {
        return Entropy.shannon(secret) >= rule.entropyMin() && !rules.placeholders().matches(secret);
    }

    /** The context regex must match within the window before or after the secret (the secret itself never counts). */
    private static boolean contextOk(SecretRule rule, CharSequence text, int start, int end) {
        if (rule.contextPattern() == null) return true;
        int w = rule.contextWindow();
        Matcher c = rule.contextPattern().matcher(text);
        if (start > 0 && c.region(Math.max(0, start - w), start).find()) return true;
        return end < text.length() && c.region(end, Math.min(text.length(), end + w)).find();
    }

    private static List<SecretFinding> withoutOverlaps(List<SecretFinding> found) {
        // Stable sort keeps rule order as the last tie-breaker.
        found.sort(Comparator.comparingInt(SecretFinding::start).thenComparing(Comparator.comparingInt(SecretFinding::length).reversed()));
        List<SecretFinding> kept = new ArrayList<>(found.size());
        int lastEnd = -1;
        for (SecretFinding f : found) {
            if (f.start() >= lastEnd) {
                kept.add(f);
                lastEnd = f.end();
            }
        }
        return Collections.unmodifiableList(kept);
    }
}
