package io.keytrail.jobs.sweep;

import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.oracle.SeedAnalyzerOracle;
import io.keytrail.jobs.oracle.SeedAnalyzerOracle.AlertKey;
import io.keytrail.jobs.oracle.SeedRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference profile on a MiniCluster at parallelism 2 against an independent port of the seed
 * (SeedAnalyzerOracle): the (key, day, type, severity) sets must be equal. The data is built to hit
 * the seed's corners: timestamps in several offsets (days and hours as written), missing costs,
 * empty and missing IPs, keys without history, keys with a single history day (std 0), ties.
 */
class ReferenceProfileMatchesSeedTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String[] OFFSETS = {"+00:00", "-08:00", "+05:30", "+09:00"};
    static final String[] MODELS = {"gpt-3.5-turbo", "gpt-4o", "gpt-4", "claude-3.5-haiku"};

    @Test
    void alertsEqualTheSeedsOnAdversarialData(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(7);
        List<SeedRecord> history = new ArrayList<>();
        List<SeedRecord> archive = new ArrayList<>();
        LocalDateTime t0 = LocalDateTime.of(2026, 3, 1, 0, 0);
        for (int k = 0; k < 14; k++) {
            String key = String.format("key_%04d", k);
            String offset = OFFSETS[k % OFFSETS.length];
            boolean mixedOffsets = k % 5 == 4;
            int historyDays = k == 3 ? 1 : 12 + rnd.nextInt(6);
            if (k != 13) { // key_0013 has no history: the seed skips it
                for (int d = 0; d < historyDays; d++) {
                    int n = 5 + rnd.nextInt(k % 2 == 0 ? 4 : 25);
                    for (int i = 0; i < n; i++) history.add(record(rnd, key, t0.plusDays(d), mixedOffsets ? OFFSETS[rnd.nextInt(4)] : offset, false, k));
                }
            }
            for (int d = historyDays; d < historyDays + 6; d++) {
                boolean burst = rnd.nextInt(4) == 0;
                int n = burst ? 60 + rnd.nextInt(300) : 5 + rnd.nextInt(k % 2 == 0 ? 4 : 25);
                for (int i = 0; i < n; i++) archive.add(record(rnd, key, t0.plusDays(d), mixedOffsets ? OFFSETS[rnd.nextInt(4)] : offset, burst, k));
            }
        }
        // The seed iterates records as given; give them shuffled within files to exercise input order.
        TestFiles.writeJsonl(tmp.resolve("history/a.jsonl"), history.subList(0, history.size() / 2));
        TestFiles.writeJsonl(tmp.resolve("history/b.jsonl"), history.subList(history.size() / 2, history.size()));
        TestFiles.writeJsonl(tmp.resolve("archive/part.jsonl"), archive);

        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("history").toString(),
                "--archive", tmp.resolve("archive").toString(), "--out", tmp.resolve("out").toString(),
                "--profile", "reference", "--parallelism", "2",
                "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json");
        assertEquals(0, r.code(), r.err());

        SeedAnalyzerOracle seed = new SeedAnalyzerOracle();
        seed.buildBaseline(history);
        Set<AlertKey> expected = seed.analyze(archive);

        Set<AlertKey> actual = new HashSet<>();
        for (Object[] a : TestFiles.latestRevisions(TestFiles.readTable(tmp.resolve("out/alerts"),
                "alert_id", "revision", "api_key_id", "day", "alert_type", "severity")).values()) {
            actual.add(new AlertKey((String) a[2], (String) a[3], (String) a[4], (String) a[5]));
        }
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

    static SeedRecord record(Random rnd, String key, LocalDateTime day, String offset, boolean attack, int k) {
        int hour = attack ? rnd.nextInt(24) : 8 + rnd.nextInt(10);
        if (!attack && rnd.nextInt(40) == 0) hour = rnd.nextInt(24);
        LocalDateTime ts = day.plusHours(hour).plusSeconds(rnd.nextInt(3600)).plusNanos(rnd.nextInt(1000) * 1000L);
        String model = attack && rnd.nextBoolean() ? MODELS[2 + rnd.nextInt(2)] : MODELS[k % 2];
        String ip = rnd.nextInt(10) == 0 ? null : rnd.nextInt(15) == 0 ? "" : attack && rnd.nextBoolean()
                ? "185.220.101." + rnd.nextInt(5) : "203.0.113." + (k % 3 + rnd.nextInt(2));
        if (k == 6) ip = null; // a key without known IPs: the unknown-IP check is skipped
        Double cost = rnd.nextInt(8) == 0 ? null : attack ? 0.2 + rnd.nextDouble() : rnd.nextDouble() * 0.05;
        String tsText = ts.toString().length() == 16 ? ts + ":00" : ts.toString();
        return new SeedRecord(tsText + offset, key, model, 10 + rnd.nextInt(900), 5 + rnd.nextInt(500),
                "/v1/chat/completions", ip, "ua/1.0", 200, cost);
    }

    static String utc(LocalDateTime t) {
        return t.atOffset(ZoneOffset.UTC).toString();
    }
}
