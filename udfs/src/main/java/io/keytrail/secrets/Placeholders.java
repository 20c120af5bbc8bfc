package io.keytrail.secrets;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Documentation sample keys and placeholder shapes (sk-xxxx..., your-api-key) that are never reported. */
public final class Placeholders implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final Placeholders NONE = new Placeholders(Set.of(), List.of());

    private final Set<String> exact;
    private final List<String> patterns;
    private final transient Pattern[] compiled;

    /** @throws IllegalArgumentException when a pattern does not compile */
    public Placeholders(Set<String> exact, List<String> patterns) {
        this.exact = Set.copyOf(exact);
        this.patterns = List.copyOf(patterns);
        this.compiled = new Pattern[this.patterns.size()];
        for (int i = 0; i < compiled.length; i++) {
            try {
                compiled[i] = Pattern.compile(this.patterns.get(i));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad placeholder pattern '" + this.patterns.get(i) + "': " + e.getMessage(), e);
            }
        }
    }

    private Object readResolve() throws ObjectStreamException {
        return new Placeholders(exact, patterns);
    }

    public Set<String> exact() { return exact; }
    public List<String> patterns() { return patterns; }

    /** True when the secret is a known sample key or contains a placeholder pattern. */
    public boolean matches(String secret) {
        if (exact.contains(secret)) return true;
        for (Pattern p : compiled) {
            if (p.matcher(secret).find()) return true;
        }
        return false;
    }
}
