package io.keytrail.jobs.sweep;

import io.keytrail.baseline.CostDayOwners;
import io.keytrail.detect.DayClock;
import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.baseline.HistoryExtent;
import io.keytrail.jobs.oracle.SeedRecord;
import io.keytrail.model.UsageRecord;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.Tables;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: a Parquet history, whose footers give each file's days so that each file sums the days
 * it owns, gives the very baselines (every column, every bit) of the same history as JSON Lines, whose
 * files have no known range, so that every cost travels on its own and is added in input order. The
 * files are cut by row count, so days cross from one file to the next, and at each cut a key's costs
 * are such that summing the day's later part on its own changes the day's total.
 */
class OwnedCostDaysTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] COLUMNS = {"api_key_id", "api_key_fingerprint", "provider", "avg_daily_requests",
            "max_daily_requests", "std_daily_requests", "avg_daily_cost", "max_daily_cost", "known_models", "known_ips",
            "known_endpoints", "active_hours", "known_user_agents", "p99_request_tokens", "window_start", "window_end",
            "days_observed", "records", "requests", "profile"};

    @Test
    void parquetHistoryWithOwnedDaysGivesTheBaselinesOfCostsAddedOneByOne(@TempDir java.nio.file.Path tmp) throws Exception {
        List<UsageRecord> history = history(5);
        int files = 4, per = history.size() / files + 1;
        // At each cut, one key's day goes on in the next file: 1e16 before the cut, then 1.0 twice. Added
        // one by one, each 1.0 is lost to rounding; a later file that summed the day itself would add 2.0.
        for (int f = 1; f < files; f++) {
            for (int i = f * per - 1; i <= f * per + 1; i++) {
                history.get(i).apiKeyId = "key_cut";
                history.get(i).costUsd = i == f * per - 1 ? 1e16 : 1.0;
            }
        }
        List<Path> parquet = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            List<UsageRecord> part = history.subList(f * per, Math.min(history.size(), (f + 1) * per));
            Path p = new Path(tmp.resolve("pq/part-" + f + ".parquet").toUri());
            try (ParquetWriter<UsageRecord> w = new ParquetRowWriter<>(Tables.USAGE).openFile(p)) {
                for (UsageRecord r : part) w.write(r);
            }
            parquet.add(p);
            TestFiles.writeJsonl(tmp.resolve("jl/part-" + f + ".jsonl"), part.stream().map(OwnedCostDaysTest::seed).toList());
        }
        TestFiles.writeJsonl(tmp.resolve("archive/a.jsonl"), List.of(seed(history.get(history.size() - 1))));

        // The Parquet files' footers make most days owned (the test would pass vacuously otherwise).
        CostDayOwners owners = HistoryExtent.costDayOwners(parquet, new DayClock(DetectionProfile.load("reference")));
        long first = history.get(0).tsMicros / 86_400_000_000L, last = history.get(history.size() - 1).tsMicros / 86_400_000_000L;
        int owned = 0, shared = 0;
        for (long d = first; d <= last; d++) {
            boolean any = false;
            for (int f = 0; f < files; f++) any |= owners.owns(f, d);
            if (any) owned++;
        }
        for (int f = 1; f < files; f++) {
            long boundary = history.get(f * per).tsMicros / 86_400_000_000L;
            if (!owners.owns(f, boundary) && history.get(f * per - 1).tsMicros / 86_400_000_000L == boundary) shared++;
        }
        assertTrue(owned > 20 && shared == files - 1, "owned days " + owned + ", shared boundary days " + shared);

        List<Object[]> fromParquet = baselines(tmp, "pq"), fromJsonl = baselines(tmp, "jl");
        assertEquals(7, fromParquet.size());
        assertEquals(fromJsonl.size(), fromParquet.size());
        for (int i = 0; i < fromJsonl.size(); i++) {
            assertEquals(Arrays.deepToString(fromJsonl.get(i)), Arrays.deepToString(fromParquet.get(i)));
            for (int c : new int[] {6, 7}) {
                assertEquals(Double.doubleToRawLongBits((Double) fromJsonl.get(i)[c]), Double.doubleToRawLongBits((Double) fromParquet.get(i)[c]),
                        COLUMNS[c] + " of " + fromJsonl.get(i)[0]);
            }
        }
    }

    private static List<Object[]> baselines(java.nio.file.Path tmp, String history) throws Exception {
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve(history).toString(),
                "--archive", tmp.resolve("archive").toString(), "--out", tmp.resolve("out-" + history).toString(),
                "--profile", "reference", "--parallelism", "2",
                "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json");
        assertEquals(0, r.code(), r.err());
        List<Object[]> rows = TestFiles.readTable(tmp.resolve("out-" + history + "/baselines"), COLUMNS);
        rows.sort(Comparator.comparing(x -> (String) x[0]));
        return rows;
    }

    /** Six keys over about forty days, costs from 0.001 to 1,000. */
    static List<UsageRecord> history(long seed) {
        Random rnd = new Random(seed);
        List<UsageRecord> out = new ArrayList<>();
        long t = 1_767_225_600_000_000L; // 2026-01-01T00:00Z
        for (int i = 0; i < 12_000; i++) {
            t += (long) (rnd.nextDouble() * 600_000_000L);
            UsageRecord r = new UsageRecord();
            r.tsMicros = t;
            r.apiKeyId = "key_" + rnd.nextInt(6);
            r.model = "m" + rnd.nextInt(3);
            r.endpoint = "/v1/e" + rnd.nextInt(4);
            r.sourceIp = "10.0.0." + rnd.nextInt(8);
            r.userAgent = "agent/" + rnd.nextInt(3);
            r.inputTokens = rnd.nextInt(3000);
            r.outputTokens = rnd.nextInt(3000);
            r.costUsd = rnd.nextInt(20) == 0 ? Double.NaN : rnd.nextDouble() * Math.pow(10, rnd.nextInt(7) - 3);
            out.add(r);
        }
        return out;
    }

    private static SeedRecord seed(UsageRecord r) {
        return new SeedRecord(ISO.format(Instant.ofEpochSecond(0, r.tsMicros * 1000L)), r.apiKeyId, r.model, r.inputTokens,
                r.outputTokens, r.endpoint, r.sourceIp, r.userAgent, null, Double.isNaN(r.costUsd) ? null : r.costUsd);
    }
}
