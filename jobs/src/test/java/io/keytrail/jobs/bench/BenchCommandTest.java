package io.keytrail.jobs.bench;

import io.keytrail.jobs.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny bench end to end: both sides run as processes, the figures are printed, and the peer's
 * alerts equal the sweep's, checked here again from the files both sides wrote.
 */
class BenchCommandTest {
    @Test
    void tinyBenchPrintsTheFiguresAndThePeerFindsTheSweepsAlerts(@TempDir Path tmp) throws Exception {
        TestFiles.Result r = TestFiles.run("bench", "--records", "20000", "--keys", "20", "--runs", "1", "--data", tmp.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String out = r.out();
        for (String figure : List.of("floor", "records/s", "median", "min", "max", "peak RSS", "ratio keytrail/duckdb, pair by pair",
                "alerts  equal in every run", "load average")) {
            assertTrue(out.contains(figure), "no '" + figure + "' in\n" + out);
        }
        assertTrue(Pattern.compile("keytrail sweep +[0-9.]+s +[0-9.]+s +[0-9.]+s +[0-9,]+ +[0-9.]+ GB").matcher(out).find(), out);
        assertTrue(Pattern.compile("duckdb peer +[0-9.]+s +[0-9.]+s +[0-9.]+s +[0-9,]+ +[0-9.]+ GB").matcher(out).find(), out);

        Path work = tmp.resolve("bench-20000-20-42/bench-out");
        AlertSet sweep = AlertSet.ofSweep(work.resolve("keytrail/alerts"));
        AlertSet peer = AlertSet.ofPeer(work.resolve("duckdb-alerts.parquet"));
        assertTrue(sweep.size() > 20, "too few alerts to compare: " + sweep.size());
        for (String type : List.of("volume_spike", "cost_spike", "unknown_model", "unknown_source_ip", "off_hours_usage")) {
            assertTrue(sweep.rows.stream().anyMatch(a -> a.contains(" | " + type + " | ")), "no " + type + " alert in " + sweep.rows);
        }
        assertEquals(sweep.rows, peer.rows);
        assertTrue(sweep.rows.stream().anyMatch(a -> a.contains(" | unknown_model | ") && !a.contains("unknown_model |  |")),
                "unknown_model alerts carry the model as subject");

        // The cached dataset is reused, and a second run (peer none) still works.
        TestFiles.Result again = TestFiles.run("bench", "--records", "20000", "--keys", "20", "--runs", "1", "--data", tmp.toString(),
                "--peer", "none");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("reusing"), again.err());
        assertTrue(Files.isRegularFile(tmp.resolve("bench-20000-20-42/truth.json")));
    }

    @Test
    void aDifferenceIsReportedFromEitherSide() {
        AlertSet kt = AlertSet.of(List.of("k1 | 2026-02-04 | cost_spike |  | critical", "k1 | 2026-02-04 | volume_spike |  | high"));
        AlertSet duck = AlertSet.of(List.of("k1 | 2026-02-04 | cost_spike |  | critical", "k1 | 2026-02-04 | volume_spike |  | critical"));
        assertTrue(!kt.sameAs(duck));
        assertEquals(List.of("keytrail only: k1 | 2026-02-04 | volume_spike |  | high",
                "duckdb only: k1 | 2026-02-04 | volume_spike |  | critical"), kt.differences(duck, "keytrail", "duckdb", 10));
        assertTrue(kt.differences(AlertSet.of(kt.rows), "a", "b", 10).isEmpty());
    }

    @Test
    void usageErrors() {
        assertEquals(2, TestFiles.run("bench", "--peer", "spark").code());
        assertEquals(2, TestFiles.run("bench", "--runs", "0").code());
    }
}
