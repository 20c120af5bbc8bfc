package io.keytrail.jobs.report;

import io.keytrail.investigate.OrgSettings;

import java.util.List;
import java.util.Map;

/** Everything the report says about one incident, read from the sweep's tables. */
public record IncidentView(Map<String, Object> incident, Map<String, Object> scope, List<Map<String, Object>> timeline,
                           Map<String, Object> baseline, List<Map<String, Object>> hourly, OrgSettings.KeySettings settings,
                           OrgSettings org) {
    public String id() {
        return (String) incident.get("incident_id");
    }

    public String key() {
        return (String) incident.get("api_key_id");
    }

    public String shortId() {
        return id().substring(0, 12);
    }

    public double attackerCost() {
        return ((Number) incident.get("attacker_cost_usd")).doubleValue();
    }

    public long attackerTokens() {
        return ((Number) incident.get("attacker_tokens")).longValue();
    }

    /** Typical daily spend: the baseline's average daily cost (0 when the key has no baseline). */
    public double typicalDailySpend() {
        return baseline == null ? 0.0 : ((Number) baseline.get("avg_daily_cost")).doubleValue();
    }

    public List<String> findings() {
        return scope == null ? List.of() : Text.list(scope.get("findings"));
    }

    public List<String> permissions() {
        return scope == null ? List.of() : Text.list(scope.get("permissions"));
    }

    public long micros(String column) {
        return Text.micros(incident.get(column));
    }
}
