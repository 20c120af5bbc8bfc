package io.keytrail.secrets;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns key ids and free text into something safe to store: every full secret becomes
 * provider prefix + "..." + last 4 (e.g. {@code sk-proj-...x9Qa}) and is identified by its SHA-256.
 */
public final class KeyMasker implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String ELLIPSIS = "...";
    private static final int TAIL = 4;

    private final SecretScanner scanner;

    public KeyMasker(SecretRules rules) {
        this.scanner = new SecretScanner(rules);
    }

    /** A masker over {@link SecretRules#defaults()}. */
    public static KeyMasker defaults() {
        return new KeyMasker(SecretRules.defaults());
    }

    public SecretScanner scanner() {
        return scanner;
    }

    /**
     * Masks a key-id field. A value that is (after trimming) one full secret gets a masked display, its
     * fingerprint and the rule's provider. Anything else (key_abc, apikey_..., an already masked
     * sk-...1234) is returned verbatim with a null fingerprint and a provider guessed from its prefix.
     *
     * <p>A value that merely contains secrets (e.g. "Bearer sk-...") is never returned verbatim: with one
     * secret it is treated as that secret, so it groups with the bare key; with several, the masked text
     * is returned without fingerprint.
     */
    public MaskedKey maskKeyId(String value) {
        if (value == null) return new MaskedKey(null, null, null);
        String trimmed = value.trim();
        if (trimmed.isEmpty()) return new MaskedKey(value, null, null);
        // One keyword pass covers both the bare key and a key inside the value ("Bearer sk-...").
        List<SecretFinding> inside = scanner.find(value);
        if (inside.size() == 1) return masked(inside.get(0));
        if (!inside.isEmpty()) return new MaskedKey(replace(value, inside), null, null);
        // A bare key whose rule wants context (DeepSeek's sk- + 32): the key-id field is the context.
        SecretFinding whole = scanner.matchWholeContextRules(trimmed);
        if (whole != null) return masked(whole);
        return new MaskedKey(value, null, scanner.rules().guessProvider(trimmed));
    }

    /** {@code text} with every full secret replaced by its masked display; the same instance when there is none. */
    public String maskText(String text) {
        if (text == null) return null;
        List<SecretFinding> found = scanner.find(text);
        return found.isEmpty() ? text : replace(text, found);
    }

    /** The masked display of one finding: provider prefix + "..." + last 4 chars. */
    public String display(SecretFinding f) {
        String secret = f.secret();
        SecretRule rule = scanner.rules().rule(f.ruleId());
        String prefix = rule == null ? "" : rule.displayPrefixOf(secret);
        String tail = secret.length() > 2 * TAIL ? secret.substring(secret.length() - TAIL) : "";
        return prefix + ELLIPSIS + tail;
    }

    private MaskedKey masked(SecretFinding f) {
        return new MaskedKey(display(f), sha256Hex(f.secret()), f.provider());
    }

    private String replace(String text, List<SecretFinding> found) {
        StringBuilder b = new StringBuilder(text.length());
        int at = 0;
        for (SecretFinding f : found) {
            b.append(text, at, f.start()).append(display(f));
            at = f.end();
        }
        return b.append(text, at, text.length()).toString();
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code s}. */
    public static String sha256Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
