package io.keytrail.jobs.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.oracle.AdversarialUsage;
import io.keytrail.jobs.oracle.SeedAnalyzerOracle;
import io.keytrail.jobs.oracle.SeedRecord;
import io.keytrail.jobs.oracle.SeedTimelineOracle;
import io.keytrail.jobs.oracle.SeedTimelineOracle.Action;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the reference profile and a given compromise start, each key's timeline (timestamp, phase,
 * action) equals the seed's reconstruct_timeline over that key's archive records with the baseline's
 * known IPs: checked against an independent Java port and against the seed's own Python code.
 */
class TimelineMatchesSeedTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void timelinesEqualTheSeeds(@TempDir Path tmp) throws Exception {
        AdversarialUsage data = new AdversarialUsage(23, 12);
        Map<String, String> starts = new TreeMap<>();
        for (int k = 0; k < 11; k++) {
            if (!AdversarialUsage.singleOffset(k)) continue;
            String key = String.format("key_%04d", k);
            List<SeedRecord> recs = data.archive.stream().filter(r -> r.apiKeyPrefix().equals(key)).toList();
            // Start a third of the way into the key's archive, at one of its records (ties included).
            starts.put(key, recs.get(recs.size() / 3).timestamp());
        }
        TestFiles.writeJsonl(tmp.resolve("history/h.jsonl"), data.history);
        TestFiles.writeJsonl(tmp.resolve("archive/a.jsonl"), data.archive);
        List<String> args = new ArrayList<>(List.of("sweep", "--history", tmp.resolve("history").toString(),
                "--archive", tmp.resolve("archive").toString(), "--out", tmp.resolve("out").toString(), "--profile", "reference",
                "--parallelism", "2", "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json",
                "--org", "../conf/org.json"));
        starts.forEach((k, s) -> args.addAll(List.of("--compromise-start", k + "=" + s)));
        TestFiles.Result r = TestFiles.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());

        Map<String, List<Action>> actual = new TreeMap<>();
        for (Object[] row : TestFiles.readTable(tmp.resolve("out/timelines"), "api_key_id", "seq", "timestamp", "phase", "action")) {
            actual.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new Action(((io.keytrail.ingest.TsValue) row[2]).epochMicros(),
                    (String) row[3], (String) row[4]));
        }
        SeedAnalyzerOracle baseline = new SeedAnalyzerOracle();
        baseline.buildBaseline(data.history);
        Set<String> phasesSeen = new HashSet<>();
        boolean python = ReferenceProfileMatchesSeedTest.python311();
        for (Map.Entry<String, String> e : starts.entrySet()) {
            String key = e.getKey();
            List<SeedRecord> recs = data.archive.stream().filter(x -> x.apiKeyPrefix().equals(key)).toList();
            List<Action> expected = SeedTimelineOracle.reconstruct(recs, e.getValue(), baseline.knownIps(key));
            List<Action> got = actual.getOrDefault(key, List.of());
            assertTrue(expected.size() > 3, key + " should have a real timeline");
            assertEquals(expected, got, key);
            expected.forEach(a -> phasesSeen.add(a.phase()));
            if (python) assertEquals(expected, seedPython(tmp, key, e.getValue()), key + " (the seed's Python)");
        }
        assertEquals(Set.of("reconnaissance", "capability_testing", "persistence", "exfiltration", "exploitation"), phasesSeen);
    }

    static List<Action> seedPython(Path tmp, String key, String start) throws Exception {
        Process p = new ProcessBuilder("python3", "../tools/seed_analyzer.py", "timeline", tmp.resolve("history/h.jsonl").toString(),
                tmp.resolve("archive/a.jsonl").toString(), key, start).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<Action> actions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            actions.add(new Action(SeedTimelineOracle.micros(n.get("timestamp").asText()), n.get("phase").asText(), n.get("action").asText()));
        }
        return actions;
    }
}
