package io.keytrail.jobs.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.oracle.AdversarialUsage;
import io.keytrail.jobs.oracle.SeedAnalyzerOracle;
import io.keytrail.jobs.oracle.SeedAnalyzerOracle.AlertKey;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference profile on a MiniCluster at parallelism 2 must give the seed's (key, day, type,
 * severity) set: checked against an independent Java port of the seed (always), and against the
 * seed's own Python code in tools/seed_analyzer.py (where a python3 is installed).
 */
class ReferenceProfileMatchesSeedTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static Set<AlertKey> sweepReference(Path tmp, AdversarialUsage data) throws Exception {
        // Two history files: input order (file, then line) is what the seed's sums follow.
        TestFiles.writeJsonl(tmp.resolve("history/a.jsonl"), data.history.subList(0, data.history.size() / 2));
        TestFiles.writeJsonl(tmp.resolve("history/b.jsonl"), data.history.subList(data.history.size() / 2, data.history.size()));
        TestFiles.writeJsonl(tmp.resolve("archive/part.jsonl"), data.archive);
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("history").toString(),
                "--archive", tmp.resolve("archive").toString(), "--out", tmp.resolve("out").toString(),
                "--profile", "reference", "--parallelism", "2",
                "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json");
        assertEquals(0, r.code(), r.err());
        Set<AlertKey> actual = new HashSet<>();
        for (Object[] a : TestFiles.latestRevisions(TestFiles.readTable(tmp.resolve("out/alerts"),
                "alert_id", "revision", "api_key_id", "day", "alert_type", "severity")).values()) {
            actual.add(new AlertKey((String) a[2], (String) a[3], (String) a[4], (String) a[5]));
        }
        return actual;
    }

    static void assertSameAlerts(Set<AlertKey> expected, Set<AlertKey> actual) {
        assertTrue(expected.size() > 20, "the data must produce plenty of alerts, got " + expected.size());
        for (String type : List.of("volume_spike", "cost_spike", "unknown_model", "unknown_source_ip", "off_hours_usage")) {
            assertTrue(expected.stream().anyMatch(a -> a.type().equals(type)), "no " + type + " in the expected set");
        }
        Set<AlertKey> missing = new HashSet<>(expected);
        missing.removeAll(actual);
        Set<AlertKey> extra = new HashSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "missing " + missing + "\nextra " + extra);
    }

    @Test
    void alertsEqualAnIndependentPortOfTheSeed(@TempDir Path tmp) throws Exception {
        AdversarialUsage data = new AdversarialUsage(7, 14);
        SeedAnalyzerOracle seed = new SeedAnalyzerOracle();
        seed.buildBaseline(data.history);
        assertSameAlerts(seed.analyze(data.archive), sweepReference(tmp, data));
    }

    @Test
    void alertsEqualTheSeedsOwnPythonCode(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(python311(), "python3 >= 3.11 not installed: the Java port above covers the seed");
        AdversarialUsage data = new AdversarialUsage(11, 16);
        Set<AlertKey> actual = sweepReference(tmp, data);
        TestFiles.writeJsonl(tmp.resolve("h.jsonl"), data.history);
        Process p = new ProcessBuilder("python3", "../tools/seed_analyzer.py", tmp.resolve("h.jsonl").toString(),
                tmp.resolve("archive/part.jsonl").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Set<AlertKey> expected = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            expected.add(new AlertKey(n.get("api_key_id").asText(), n.get("day").asText(), n.get("alert_type").asText(),
                    n.get("severity").asText()));
        }
        assertSameAlerts(expected, actual);
    }

    public static boolean python311() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)").start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(Path.of("../tools/seed_analyzer.py"));
        } catch (Exception e) {
            return false;
        }
    }
}
