package io.keytrail.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.report.Text;
import io.keytrail.time.IsoTimestamp;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small scenario set, then evaluate on it: the labels agree with a count from the truth file's own rule,
 * and evaluate's figures agree with counts taken here straight from each profile's output tables.
 */
class ScenarioEvaluationTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;
    static JsonNode truth;
    static Map<String, String> scenarioOf = new HashMap<>();
    static List<String> tableLines;

    @BeforeAll
    static void generateAndEvaluate() throws Exception {
        TestFiles.Result g = TestFiles.run("generate", "--scenarios", "--out", tmp.resolve("data").toString(), "--history-days", "14",
                "--live-days", "4", "--per-scenario", "1", "--rate", "60", "--seed", "7");
        assertEquals(0, g.code(), g.err());
        truth = new ObjectMapper().readTree(tmp.resolve("data/truth.json").toFile());
        for (JsonNode k : truth.path("keys")) scenarioOf.put(k.path("api_key_id").asText(), k.path("scenario").asText());
        TestFiles.Result e = TestFiles.run("evaluate", "--history", tmp.resolve("data/history").toString(), "--archive",
                tmp.resolve("data/live").toString(), "--truth", tmp.resolve("data/truth.json").toString(), "--work",
                tmp.resolve("work").toString(), "--parallelism", "2");
        assertEquals(0, e.code(), e.err());
        tableLines = e.out().lines().filter(l -> l.startsWith("| ")).toList();
    }

    /** Cells of the table row for a group and profile. */
    static String[] row(String group, String profile) {
        for (String l : tableLines) {
            String[] c = l.substring(2, l.length() - 2).split(" \\| ");
            if (c[0].equals(group) && c[2].equals(profile)) return c;
        }
        throw new AssertionError("no row " + group + "/" + profile + " in\n" + String.join("\n", tableLines));
    }

    @Test
    void labelsAgreeWithTheTruthRuleForPerRequestAttacks() throws Exception {
        Map<String, JsonNode> comps = new HashMap<>();
        long declared = 0;
        for (JsonNode c : truth.path("compromises")) {
            comps.put(c.path("api_key_id").asText(), c);
            declared += c.path("attacker_records").asLong();
        }
        assertEquals(7, comps.size(), "one key per attack class");
        long byRule = 0;
        for (Object[] r : TestFiles.readTable(tmp.resolve("data/live"), "api_key_id", "timestamp", "source_ip")) {
            JsonNode c = comps.get((String) r[0]);
            if (c == null || r[2] == null) continue;
            long ts = Text.micros(r[1]);
            boolean inWindow = ts >= IsoTimestamp.parse(c.path("start").asText()).epochMicros()
                    && ts < IsoTimestamp.parse(c.path("end").asText()).epochMicros();
            Set<String> ips = new HashSet<>();
            c.path("attacker_ips").forEach(n -> ips.add(n.asText()));
            if (inWindow && ips.contains((String) r[2])) byRule++;
        }
        List<String> csv = Files.readAllLines(tmp.resolve("data/truth-records.csv"));
        long perRequestLabels = csv.stream().skip(1).filter(l -> !l.endsWith(",bucketed_burst") && !l.endsWith(",bucketed_persistence")).count();
        assertTrue(byRule > 0);
        assertEquals(byRule, perRequestLabels);
        assertEquals(declared, csv.size() - 1);
    }

    @Test
    void flaggedCountsMatchTheIncidentTables() throws Exception {
        for (String profile : List.of("reference", "default")) {
            Set<String> flagged = new TreeSet<>();
            for (Object[] r : TestFiles.readTable(tmp.resolve("work/" + profile + "/incidents"), "api_key_id", "severity")) {
                if (r[1].equals("high") || r[1].equals("critical")) flagged.add((String) r[0]);
            }
            assertEquals(String.valueOf(flagged.size()), row("all", profile)[3], profile);
            long compromised = truth.path("compromises").size();
            long tp = flagged.stream().filter(k -> truth.path("compromises").findValuesAsText("api_key_id").contains(k)).count();
            assertTrue(row("all", profile)[4].startsWith(tp + "/" + compromised + " "), profile + ": " + row("all", profile)[4]);
        }
    }

    @Test
    void referenceFlagsTheLegitimateChangesTheIssueNames() throws Exception {
        Set<String> flagged = new TreeSet<>();
        for (Object[] r : TestFiles.readTable(tmp.resolve("work/reference/incidents"), "api_key_id", "severity")) {
            if (r[1].equals("high") || r[1].equals("critical")) flagged.add(scenarioOf.get((String) r[0]));
        }
        assertTrue(flagged.contains("new_server_ip"), flagged.toString());
        assertTrue(flagged.contains("model_migration"), flagged.toString());
        assertEquals("1", row("new_server_ip", "reference")[3]);
    }

    @Test
    void defaultFlagsEveryAttackAndNoLegitimateChange() {
        assertTrue(row("all", "default")[4].startsWith("7/7 "), row("all", "default")[4]);
        for (String legit : List.of("new_server_ip", "model_migration", "traffic_growth", "weekend_holiday", "dormant_return",
                "normal", "bucketed_normal")) {
            assertEquals("0", row(legit, "default")[3], legit);
        }
        assertTrue(row("per-request", "default")[8].startsWith("5/5 "), "compromise start within 10 minutes");
    }

    @Test
    void attributionMatchesAnIndependentJoin() throws Exception {
        Set<String> labels = new HashSet<>();
        List<String> csv = Files.readAllLines(tmp.resolve("data/truth-records.csv"));
        for (String l : csv.subList(1, csv.size())) {
            String[] f = l.split(",", -1);
            labels.add(f[0] + "|" + f[2] + "|" + f[3] + "|" + f[4]);
        }
        for (String profile : List.of("reference", "default")) {
            long entries = 0, hits = 0;
            for (Object[] r : TestFiles.readTable(tmp.resolve("work/" + profile + "/timelines"), "api_key_id", "timestamp", "model", "endpoint")) {
                entries++;
                if (labels.contains(r[0] + "|" + Text.micros(r[1]) + "|" + r[2] + "|" + r[3])) hits++;
            }
            assertEquals(String.format("%.3f", (double) hits / entries), row("all", profile)[9], profile);
            assertEquals(String.format("%.3f", (double) hits / labels.size()), row("all", profile)[10], profile);
        }
    }
}
