package io.keytrail.leaks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.MaskedKey;
import io.keytrail.time.IsoTimestamp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub secret-scanning alerts, as exported by {@code GET /repos/{owner}/{repo}/secret-scanning/alerts}
 * (a JSON array): GitHub saw the key when it created the alert, so {@code created_at} is the exposure time.
 * The export may carry the full {@code secret} or a redacted one; only its fingerprint and masked display
 * are kept. One leak per location (a commit path and line), or one without location when there is none.
 */
public final class GitHubAlerts {
    /** secret_type substrings to KeyTrail provider names, for alerts whose secret is redacted. */
    private static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("openai", "openai"), Map.entry("anthropic", "anthropic"), Map.entry("google", "google"),
            Map.entry("azure", "azure"), Map.entry("hugging", "huggingface"), Map.entry("groq", "groq"),
            Map.entry("xai", "xai"), Map.entry("deepseek", "deepseek"), Map.entry("replicate", "replicate"),
            Map.entry("openrouter", "openrouter"), Map.entry("perplexity", "perplexity"), Map.entry("cohere", "cohere"),
            Map.entry("aws", "aws"));

    private final KeyMasker masker;

    public GitHubAlerts(LeakFinder finder) {
        this.masker = finder.masker();
    }

    /** @throws IOException when the input is not a JSON array of alert objects (the message never quotes a secret) */
    public List<Leak> read(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IOException(origin + ": not valid JSON", null);
        }
        if (root == null || !root.isArray()) throw new IOException(origin + ": expected a JSON array of alerts");
        List<Leak> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode a = root.get(i);
            if (!a.isObject()) throw new IOException(origin + ": alert " + i + " is not an object");
            Leak proto = identity(a);
            Long created = micros(a.path("created_at").asText(null));
            if (created == null) throw new IOException(origin + ": alert " + i + " has no valid created_at");
            String repo = a.path("repository").path("full_name").asText(null);
            List<JsonNode> locations = new ArrayList<>();
            a.path("locations").forEach(locations::add);
            if (locations.isEmpty()) locations.add(null);
            for (JsonNode loc : locations) {
                Leak l = copy(proto);
                l.sourceKind = Leak.GITHUB_ALERT;
                l.repo = repo;
                l.exposedAtMicros = created;
                l.timeSource = Leak.ALERT_CREATED_AT;
                if (loc != null) {
                    JsonNode d = loc.path("details");
                    l.path = d.path("path").asText(null);
                    l.line = d.hasNonNull("start_line") ? d.get("start_line").asInt() : null;
                    l.commit = d.path("commit_sha").asText(null);
                }
                out.add(l);
            }
        }
        return out;
    }

    /** Fingerprint, provider, rule and display from the alert's secret, never keeping the secret. */
    private Leak identity(JsonNode a) {
        Leak l = new Leak();
        String type = a.path("secret_type").asText("unknown");
        l.rule = "github:" + type;
        String secret = a.path("secret").asText(null);
        MaskedKey m = redacted(secret) ? null : masker.maskKeyId(secret);
        if (m != null && m.wasSecret()) {
            l.fingerprint = m.fingerprint();
            l.provider = m.provider();
            l.redacted = m.display();
        } else if (m != null && secret.length() >= 16) {
            // A full secret of a shape our rules do not know: still fingerprinted, shown by its tail only.
            l.fingerprint = KeyMasker.sha256Hex(secret.trim());
            l.redacted = "..." + secret.trim().substring(secret.trim().length() - 4);
        } else if (secret != null) {
            l.redacted = masker.maskText(secret);
        }
        if (l.provider == null) l.provider = provider(type);
        return l;
    }

    private static boolean redacted(String secret) {
        return secret == null || secret.isBlank() || secret.contains("*") || secret.contains("...")
                || secret.toUpperCase(Locale.ROOT).contains("REDACTED");
    }

    private static String provider(String secretType) {
        String t = secretType.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : PROVIDERS.entrySet()) if (t.contains(e.getKey())) return e.getValue();
        return null;
    }

    private static Long micros(String iso) {
        IsoTimestamp.Parsed p = iso == null ? null : IsoTimestamp.parse(iso);
        return p == null ? null : p.epochMicros();
    }

    private static Leak copy(Leak p) {
        Leak l = new Leak();
        l.fingerprint = p.fingerprint;
        l.provider = p.provider;
        l.rule = p.rule;
        l.redacted = p.redacted;
        return l;
    }
}
