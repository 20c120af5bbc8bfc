package io.keytrail.investigate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Organisation and key settings the usage data cannot tell (conf/org.json): spend limits, connected
 * systems, IP allowlists, known legitimate IPs, who and what holds each key, investigation costs.
 * Each key's settings are the file's defaults overlaid by its own entry (by api_key_id or fingerprint).
 */
public final class OrgSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One key's effective settings. */
    public static final class KeySettings implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Null when no limit is configured. */
        public Double monthlySpendLimit;
        public List<String> connectedSystems = new ArrayList<>();
        public List<String> ipAllowlist = new ArrayList<>();
        public List<String> legitimateIps = new ArrayList<>();
        public List<String> keyHolders = new ArrayList<>();
    }

    private final KeySettings defaults;
    private final Map<String, KeySettings> keys;
    public final double investigationHours;
    public final double investigationHourlyRateUsd;

    private OrgSettings(KeySettings defaults, Map<String, KeySettings> keys, double hours, double rate) {
        this.defaults = defaults;
        this.keys = keys;
        this.investigationHours = hours;
        this.investigationHourlyRateUsd = rate;
    }

    public static OrgSettings empty() {
        return new OrgSettings(new KeySettings(), Map.of(), 0, 0);
    }

    public static OrgSettings load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new ObjectMapper().readTree(in), file.toString());
        }
    }

    static OrgSettings parse(JsonNode root, String origin) throws IOException {
        if (root == null || !root.isObject()) throw new IOException(origin + ": not a JSON object");
        KeySettings defaults = settings(root.path("defaults"), new KeySettings());
        Map<String, KeySettings> keys = new HashMap<>();
        JsonNode k = root.path("keys");
        if (k.isObject()) {
            k.fields().forEachRemaining(e -> keys.put(e.getKey(), settings(e.getValue(), copy(defaults))));
        }
        JsonNode inv = root.path("investigation");
        return new OrgSettings(defaults, keys, inv.path("hours").asDouble(0), inv.path("hourly_rate_usd").asDouble(0));
    }

    private static KeySettings copy(KeySettings d) {
        KeySettings s = new KeySettings();
        s.monthlySpendLimit = d.monthlySpendLimit;
        s.connectedSystems = new ArrayList<>(d.connectedSystems);
        s.ipAllowlist = new ArrayList<>(d.ipAllowlist);
        s.legitimateIps = new ArrayList<>(d.legitimateIps);
        s.keyHolders = new ArrayList<>(d.keyHolders);
        return s;
    }

    private static KeySettings settings(JsonNode n, KeySettings s) {
        if (n.has("monthly_spend_limit")) {
            s.monthlySpendLimit = n.get("monthly_spend_limit").isNull() ? null : n.get("monthly_spend_limit").asDouble();
        }
        strings(n, "connected_systems", s.connectedSystems);
        strings(n, "ip_allowlist", s.ipAllowlist);
        strings(n, "legitimate_ips", s.legitimateIps);
        strings(n, "key_holders", s.keyHolders);
        return s;
    }

    private static void strings(JsonNode n, String field, List<String> into) {
        JsonNode a = n.get(field);
        if (a == null || !a.isArray()) return;
        into.clear();
        a.forEach(x -> into.add(x.asText()));
    }

    public KeySettings forKey(String apiKeyId, String fingerprint) {
        KeySettings s = keys.get(apiKeyId);
        if (s == null && fingerprint != null) s = keys.get(fingerprint);
        return s != null ? s : defaults;
    }
}
