package io.keytrail.jobs.evaluate;

import io.keytrail.jobs.generate.Scenario;
import io.keytrail.jobs.generate.TruthRecords;
import io.keytrail.jobs.report.Text;
import io.keytrail.model.Severity;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one sweep's incidents and timelines against the truth, per group of keys: {@code all},
 * {@code per-request} (keys with IPs), {@code bucketed}, then each scenario class. Plain Java over the
 * tables' rows, so it is tested without Flink.
 */
public final class Evaluation {
    public static final String ALL = "all";
    public static final String PER_REQUEST = "per-request";
    public static final String BUCKETED = "bucketed";

    private Evaluation() {}

    public static Map<String, GroupScores> score(Truth truth, List<Map<String, Object>> incidentRevisions,
                                                 List<Map<String, Object>> timelines) {
        Map<String, KeyOutcome> outcomes = outcomes(truth, incidentRevisions, timelines);
        Map<String, GroupScores> groups = new LinkedHashMap<>();
        groups.put(ALL, new GroupScores(ALL));
        groups.put(PER_REQUEST, new GroupScores(PER_REQUEST));
        groups.put(BUCKETED, new GroupScores(BUCKETED));
        for (Scenario s : Scenario.values()) {
            if (truth.keys.values().stream().anyMatch(k -> k.scenario().equals(s.wire()))) groups.put(s.wire(), new GroupScores(s.wire()));
        }
        for (Truth.Key k : truth.keys.values()) {
            KeyOutcome o = outcomes.getOrDefault(k.apiKeyId(), KeyOutcome.NONE);
            int records = truth.attackerRecords.getOrDefault(k.apiKeyId(), Set.of()).size();
            groups.get(ALL).add(k, o, records);
            groups.get(k.bucketed() ? BUCKETED : PER_REQUEST).add(k, o, records);
            groups.computeIfAbsent(k.scenario(), GroupScores::new).add(k, o, records);
        }
        groups.values().removeIf(g -> g.keys == 0);
        return groups;
    }

    static Map<String, KeyOutcome> outcomes(Truth truth, List<Map<String, Object>> incidentRevisions,
                                            List<Map<String, Object>> timelines) {
        Map<String, Long> firstHigh = new HashMap<>();
        Map<String, Map<String, Object>> latest = new HashMap<>();
        for (Map<String, Object> r : incidentRevisions) {
            String key = (String) r.get("api_key_id");
            Map<String, Object> prev = latest.get(key);
            if (prev == null || ((Number) prev.get("revision")).intValue() < ((Number) r.get("revision")).intValue()) latest.put(key, r);
            if (Severity.ord((String) r.get("severity")) >= Severity.HIGH.ordinal()) {
                long at = Text.micros(r.get("detected_at"));
                firstHigh.merge(key, at, Math::min);
            }
        }
        Map<String, long[]> entries = new HashMap<>();
        for (Map<String, Object> e : timelines) {
            String key = (String) e.get("api_key_id");
            long[] c = entries.computeIfAbsent(key, x -> new long[2]);
            c[0]++;
            String id = TruthRecords.identity(key, Text.micros(e.get("timestamp")), (String) e.get("model"), (String) e.get("endpoint"));
            if (truth.attackerRecords.getOrDefault(key, Set.of()).contains(id)) c[1]++;
        }
        Map<String, KeyOutcome> out = new HashMap<>();
        for (String key : truth.keys.keySet()) {
            Map<String, Object> inc = latest.get(key);
            long[] c = entries.getOrDefault(key, new long[2]);
            Long high = firstHigh.get(key);
            long start = inc == null ? Long.MIN_VALUE : Text.micros(inc.get("compromise_start"));
            out.put(key, new KeyOutcome(high != null, high == null ? Long.MIN_VALUE : high, start, c[0], c[1]));
        }
        return out;
    }
}
