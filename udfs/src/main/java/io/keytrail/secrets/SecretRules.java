package io.keytrail.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rule set of conf/secret-rules.json: rules, placeholders and provider hints. Immutable and serializable. */
public final class SecretRules implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String RESOURCE = "/keytrail/conf/secret-rules.json";
    public static final Path LOCAL_FILE = Path.of("conf", "secret-rules.json");

    private static final Set<String> RULE_FIELDS = Set.of("id", "provider", "regex", "keywords", "entropy_min",
            "display_prefix", "display_prefix_len", "context_regex", "context_window", "standalone");
    private static volatile SecretRules defaults;

    private final List<SecretRule> rules;
    private final Placeholders placeholders;
    private final Map<String, String> providerHints;

    public SecretRules(List<SecretRule> rules, Placeholders placeholders, Map<String, String> providerHints) {
        this.rules = List.copyOf(rules);
        this.placeholders = placeholders == null ? Placeholders.NONE : placeholders;
        this.providerHints = Map.copyOf(providerHints);
        Set<String> ids = new HashSet<>();
        for (SecretRule r : this.rules) {
            if (!ids.add(r.id())) throw new IllegalArgumentException("duplicate secret rule id " + r.id());
        }
    }

    public List<SecretRule> rules() { return rules; }
    public Placeholders placeholders() { return placeholders; }
    public Map<String, String> providerHints() { return providerHints; }

    /** The rule with this id, or null. */
    public SecretRule rule(String id) {
        for (SecretRule r : rules) if (r.id().equals(id)) return r;
        return null;
    }

    /** Provider of the longest hint prefix {@code value} starts with (case-sensitive), or null. */
    public String guessProvider(String value) {
        if (value == null) return null;
        String best = null;
        int bestLen = -1;
        for (Map.Entry<String, String> e : providerHints.entrySet()) {
            String p = e.getKey();
            if (p.length() > bestLen && value.startsWith(p)) {
                best = e.getValue();
                bestLen = p.length();
            }
        }
        return best;
    }

    /**
     * The bundled rules ({@value #RESOURCE} on the classpath), or conf/secret-rules.json under the
     * working directory when the jar was built without the copy. Loaded once.
     */
    public static SecretRules defaults() {
        SecretRules d = defaults;
        if (d != null) return d;
        synchronized (SecretRules.class) {
            if (defaults == null) defaults = loadDefaults();
            return defaults;
        }
    }

    private static SecretRules loadDefaults() {
        try (InputStream in = SecretRules.class.getResourceAsStream(RESOURCE)) {
            if (in != null) return parse(in, "classpath:" + RESOURCE);
            if (Files.isRegularFile(LOCAL_FILE)) return load(LOCAL_FILE);
            throw new IllegalStateException("secret rules not found: neither classpath " + RESOURCE + " nor "
                    + LOCAL_FILE.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException("cannot load secret rules: " + e.getMessage(), e);
        }
    }

    public static SecretRules load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    public static SecretRules fromJson(String json) throws IOException {
        return parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline JSON");
    }

    /** Parses the JSON format described by the file's {@code _doc}; unknown fields are errors unless they start with '_'. */
    public static SecretRules parse(InputStream in, String origin) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) throw new IOException(origin + ": expected a JSON object");
        JsonNode rulesNode = root.get("rules");
        if (rulesNode == null || !rulesNode.isArray() || rulesNode.isEmpty()) {
            throw new IOException(origin + ": \"rules\" must be a non-empty array");
        }
        List<SecretRule> rules = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(parseRule(rulesNode.get(i), origin + " rules[" + i + "]"));
        }
        try {
            return new SecretRules(rules, parsePlaceholders(root.get("placeholders"), origin),
                    parseHints(root.get("provider_hints"), origin));
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + ": " + e.getMessage(), e);
        }
    }

    private static SecretRule parseRule(JsonNode n, String where) throws IOException {
        if (n == null || !n.isObject()) throw new IOException(where + ": expected an object");
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getKey().startsWith("_") && !RULE_FIELDS.contains(e.getKey())) {
                throw new IOException(where + ": unknown field \"" + e.getKey() + "\"");
            }
        }
        String id = text(n, "id", where, true);
        where = where + " (" + id + ")";
        List<String> keywords = new ArrayList<>();
        JsonNode kw = n.get("keywords");
        if (kw == null || !kw.isArray()) throw new IOException(where + ": \"keywords\" must be an array");
        for (JsonNode k : kw) {
            if (!k.isTextual()) throw new IOException(where + ": keywords must be strings");
            keywords.add(k.asText());
        }
        try {
            return new SecretRule(id, text(n, "provider", where, true), text(n, "regex", where, true), keywords,
                    number(n, "entropy_min", where, 0.0), text(n, "display_prefix", where, false),
                    (int) number(n, "display_prefix_len", where, 0), text(n, "context_regex", where, false),
                    (int) number(n, "context_window", where, 0), bool(n, "standalone", where, true));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    private static Placeholders parsePlaceholders(JsonNode n, String origin) throws IOException {
        if (n == null || n.isNull()) return Placeholders.NONE;
        if (!n.isObject()) throw new IOException(origin + ": \"placeholders\" must be an object");
        return new Placeholders(new LinkedHashSet<>(strings(n.get("exact"), origin + " placeholders.exact")),
                strings(n.get("patterns"), origin + " placeholders.patterns"));
    }

    private static Map<String, String> parseHints(JsonNode n, String origin) throws IOException {
        Map<String, String> hints = new LinkedHashMap<>();
        if (n == null || n.isNull()) return hints;
        if (!n.isObject()) throw new IOException(origin + ": \"provider_hints\" must be an object");
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (e.getKey().startsWith("_")) continue;
            if (e.getKey().isEmpty() || !e.getValue().isTextual()) {
                throw new IOException(origin + ": provider_hints." + e.getKey() + " must map a prefix to a provider name");
            }
            hints.put(e.getKey(), e.getValue().asText());
        }
        return hints;
    }

    private static List<String> strings(JsonNode n, String where) throws IOException {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw new IOException(where + " must be an array of strings");
        for (JsonNode s : n) {
            if (!s.isTextual()) throw new IOException(where + " must be an array of strings");
            out.add(s.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field, String where, boolean required) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IOException(where + ": \"" + field + "\" is required");
            return null;
        }
        if (!v.isTextual()) throw new IOException(where + ": \"" + field + "\" must be a string");
        return v.asText();
    }

    private static double number(JsonNode n, String field, String where, double dflt) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return dflt;
        if (!v.isNumber()) throw new IOException(where + ": \"" + field + "\" must be a number");
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field, String where, boolean dflt) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw new IOException(where + ": \"" + field + "\" must be true or false");
        return v.asBoolean();
    }
}
