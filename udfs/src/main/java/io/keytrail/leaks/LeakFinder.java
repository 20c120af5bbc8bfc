package io.keytrail.leaks;

import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretFinding;
import io.keytrail.secrets.SecretRules;
import io.keytrail.secrets.SecretScanner;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a secret becomes a {@link Leak}: runs the project's {@link SecretScanner} over a text
 * and keeps only the fingerprint, masked display, rule and line. The secret string dies here.
 */
public final class LeakFinder {
    private final KeyMasker masker;
    private final SecretScanner scanner;

    public LeakFinder(SecretRules rules) {
        this.masker = new KeyMasker(rules);
        this.scanner = masker.scanner();
    }

    public KeyMasker masker() {
        return masker;
    }

    /** Leaks in a whole file's text; lines are numbered from 1. */
    public List<Leak> find(CharSequence text) {
        return find(text, null);
    }

    /**
     * Leaks in {@code text}, a sequence of '\n'-separated lines. {@code lineNumbers[i]} is the 1-based line
     * number of the text's i-th line in its file (for added lines picked out of a diff), or null when the
     * text is the file itself.
     */
    public List<Leak> find(CharSequence text, int[] lineNumbers) {
        List<SecretFinding> found = scanner.find(text);
        if (found.isEmpty()) return List.of();
        List<Leak> out = new ArrayList<>(found.size());
        int line = 0;
        int at = 0;
        for (SecretFinding f : found) { // ordered by position: count newlines once
            for (; at < f.start(); at++) if (text.charAt(at) == '\n') line++;
            Leak l = leakOf(f);
            l.line = lineNumbers == null ? line + 1 : lineNumbers[Math.min(line, lineNumbers.length - 1)];
            out.add(l);
        }
        return out;
    }

    /** A Leak for one finding, without its location. */
    public Leak leakOf(SecretFinding f) {
        Leak l = new Leak();
        l.fingerprint = KeyMasker.sha256Hex(f.secret());
        l.provider = f.provider();
        l.rule = f.ruleId();
        l.redacted = masker.display(f);
        return l;
    }
}
