package io.keytrail.jobs.evaluate;

import io.keytrail.ingest.TsValue;
import io.keytrail.jobs.generate.TruthRecords;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures from hand-made tables: first high revision, start window, quantiles, attribution. */
class EvaluationTest {
    static final long MIN = 60_000_000L;

    static Map<String, Object> incident(String key, int revision, String severity, long start, long detected) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api_key_id", key);
        m.put("revision", revision);
        m.put("severity", severity);
        m.put("compromise_start", ts(start));
        m.put("detected_at", ts(detected));
        return m;
    }

    static Map<String, Object> entry(String key, long at, String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api_key_id", key);
        m.put("timestamp", ts(at));
        m.put("model", model);
        m.put("endpoint", "/v1/chat/completions");
        return m;
    }

    static Object ts(long micros) {
        return new TsValue(micros, 0);
    }

    @Test
    void scoresKeysByTheirFirstHighRevisionAndMatchesRecordsExactly() {
        Truth t = new Truth();
        long s1 = 1_000 * MIN, s2 = 5_000 * MIN;
        t.keys.put("a", new Truth.Key("a", "stealthy", "attack", false, s1));
        t.keys.put("b", new Truth.Key("b", "slow_leak", "attack", false, s2));
        t.keys.put("c", new Truth.Key("c", "new_server_ip", "legitimate_change", false, Long.MIN_VALUE));
        Set<String> ra = new HashSet<>(List.of(TruthRecords.identity("a", s1, "gpt-4", "/v1/chat/completions"),
                TruthRecords.identity("a", s1 + MIN, "gpt-4", "/v1/chat/completions")));
        t.attackerRecords.put("a", ra);
        t.attackerRecords.put("b", new HashSet<>(List.of(TruthRecords.identity("b", s2, "gpt-4", "/v1/chat/completions"))));
        List<Map<String, Object>> incidents = List.of(
                incident("a", 0, "high", s1 + 30 * MIN, s1 + 12 * MIN),
                incident("a", 1, "critical", s1 + 30 * MIN, s1 + 90 * MIN),
                incident("b", 0, "medium", s2, s2),
                incident("c", 0, "high", s2, s2));
        List<Map<String, Object>> timelines = List.of(entry("a", s1 + MIN, "gpt-4"), entry("a", s1 + MIN, "gpt-4o"),
                entry("c", s2, "gpt-4"));
        Map<String, GroupScores> g = Evaluation.score(t, incidents, timelines);
        GroupScores all = g.get(Evaluation.ALL);
        assertEquals(2, all.flagged, "a (high, then critical) and c; b only reached medium");
        assertEquals(1, all.truePositives);
        assertEquals(0.5, all.recall());
        assertEquals(0.5, all.precision());
        assertEquals(List.of(12.0), all.ttdMinutes, "from the first high revision, not the critical one");
        assertEquals(0, all.startWithin10Min, "a's start is 30 minutes late; b has no high incident but a start");
        assertEquals(3, all.timelineEntries);
        assertEquals(1, all.attackerEntries, "model is part of the identity");
        assertEquals(1.0 / 3, all.attributionPrecision());
        assertEquals(1.0 / 3, all.attributionRecall());
        assertEquals(1, g.get("new_server_ip").falsePositives());
        assertTrue(Double.isNaN(g.get("new_server_ip").recall()));
        assertTrue(g.containsKey(Evaluation.PER_REQUEST));
        assertTrue(!g.containsKey(Evaluation.BUCKETED), "no bucketed key, no row");
    }

    @Test
    void nearestRankQuantiles() {
        GroupScores s = new GroupScores("x");
        for (double m : new double[] {5, 1, 4, 2, 3, 10, 7, 6, 9, 8}) s.ttdMinutes.add(m);
        assertEquals(5.0, s.medianTtd());
        assertEquals(9.0, s.p90Ttd());
    }
}
