package io.keytrail.secrets;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of conf/secret-rules.json: how a full key of one provider looks.
 *
 * <p>Immutable. Only strings and numbers are serialized; the compiled patterns are rebuilt by
 * {@link #readResolve()} on the receiving side (Flink ships rules to tasks with Java serialization).
 */
public final class SecretRule implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String SECRET_GROUP = "secret";
    static final int DEFAULT_CONTEXT_WINDOW = 100;

    private final String id;
    private final String provider;
    private final String regex;
    private final List<String> keywords;
    private final double entropyMin;
    private final String displayPrefix;
    private final int displayPrefixLen;
    private final String contextRegex;
    private final int contextWindow;
    private final boolean standalone;

    private final transient Pattern pattern;
    private final transient Pattern contextPattern;

    /**
     * @param displayPrefix    literal prefix shown when masking, or null to use {@code displayPrefixLen}
     * @param displayPrefixLen leading chars shown when masking if {@code displayPrefix} is null (0 = none)
     * @param contextRegex     must match near the secret, or null
     * @param contextWindow    chars searched before and after the secret; &lt;= 0 means the default
     * @throws IllegalArgumentException when the rule is incomplete or a regex does not compile
     */
    public SecretRule(String id, String provider, String regex, List<String> keywords, double entropyMin,
                      String displayPrefix, int displayPrefixLen, String contextRegex, int contextWindow,
                      boolean standalone) {
        this.id = requireText(id, "id");
        this.provider = requireText(provider, "provider");
        this.regex = requireText(regex, "regex");
        if (!regex.contains("(?<" + SECRET_GROUP + ">")) {
            throw new IllegalArgumentException("rule " + id + ": regex needs a named group (?<secret>...)");
        }
        if (keywords == null || keywords.isEmpty()) {
            // Without a keyword the rule would run on every string and defeat the prefilter.
            throw new IllegalArgumentException("rule " + id + ": at least one keyword is required");
        }
        this.keywords = keywords.stream().map(k -> normalizeKeyword(id, k)).toList();
        if (!(entropyMin >= 0.0)) throw new IllegalArgumentException("rule " + id + ": entropy_min must be >= 0");
        this.entropyMin = entropyMin;
        if (displayPrefixLen < 0) throw new IllegalArgumentException("rule " + id + ": display_prefix_len must be >= 0");
        this.displayPrefix = displayPrefix;
        this.displayPrefixLen = displayPrefix != null ? displayPrefix.length() : displayPrefixLen;
        this.contextRegex = contextRegex == null || contextRegex.isEmpty() ? null : contextRegex;
        this.contextWindow = contextWindow > 0 ? contextWindow : DEFAULT_CONTEXT_WINDOW;
        this.standalone = standalone;
        this.pattern = compile(id, "regex", regex);
        this.contextPattern = this.contextRegex == null ? null : compile(id, "context_regex", this.contextRegex);
    }

    private static String requireText(String s, String field) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("secret rule: '" + field + "' is missing");
        return s;
    }

    private static String normalizeKeyword(String id, String k) {
        if (k == null || k.isEmpty()) throw new IllegalArgumentException("rule " + id + ": empty keyword");
        for (int i = 0; i < k.length(); i++) {
            // The prefilter folds ASCII case only.
            if (k.charAt(i) >= 128) throw new IllegalArgumentException("rule " + id + ": keyword '" + k + "' is not ASCII");
        }
        return k.toLowerCase(Locale.ROOT);
    }

    private static Pattern compile(String id, String field, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rule " + id + ": bad " + field + ": " + e.getMessage(), e);
        }
    }

    private Object readResolve() throws ObjectStreamException {
        return new SecretRule(id, provider, regex, keywords, entropyMin, displayPrefix, displayPrefixLen,
                contextRegex, contextWindow, standalone);
    }

    public String id() { return id; }
    public String provider() { return provider; }
    public String regex() { return regex; }
    public List<String> keywords() { return keywords; }
    public double entropyMin() { return entropyMin; }
    public String contextRegex() { return contextRegex; }
    public int contextWindow() { return contextWindow; }
    public boolean standalone() { return standalone; }
    Pattern pattern() { return pattern; }
    Pattern contextPattern() { return contextPattern; }

    /** The literal start every match has, or null when the rule only gives a length. Used to skip rules cheaply. */
    String literalPrefix() {
        return displayPrefix == null || displayPrefix.isEmpty() ? null : displayPrefix;
    }

    /**
     * The non-secret leading part of {@code secret} to show. Never more than the secret minus 8 chars,
     * so prefix plus the last 4 always hides most of it.
     */
    public String displayPrefixOf(String secret) {
        int n;
        if (displayPrefix != null) n = secret.startsWith(displayPrefix) ? displayPrefix.length() : 0;
        else n = displayPrefixLen;
        n = Math.max(0, Math.min(n, secret.length() - 8));
        return secret.substring(0, n);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SecretRule r)) return false;
        return id.equals(r.id) && provider.equals(r.provider) && regex.equals(r.regex) && keywords.equals(r.keywords)
                && Double.compare(entropyMin, r.entropyMin) == 0 && Objects.equals(displayPrefix, r.displayPrefix)
                && displayPrefixLen == r.displayPrefixLen && Objects.equals(contextRegex, r.contextRegex)
                && contextWindow == r.contextWindow && standalone == r.standalone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, provider, regex);
    }

    @Override
    public String toString() {
        return "SecretRule[" + id + ", provider=" + provider + "]";
    }
}
