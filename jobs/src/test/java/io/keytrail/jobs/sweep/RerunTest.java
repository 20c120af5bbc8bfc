package io.keytrail.jobs.sweep;

import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.generate.GeneratedData;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rerun into the same OUT replaces the tables it owns, never mixes runs, and leaves other tables alone. */
class RerunTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static TestFiles.Result sweep(Path history, Path archive, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", "--history", history.toString(), "--archive", archive.toString(),
                "--out", out.toString(), "--parallelism", "2", "--profile", "reference",
                "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json"));
        args.addAll(List.of(extra));
        return TestFiles.run(args.toArray(new String[0]));
    }

    static Set<String> alertIds(Path out) throws Exception {
        return TestFiles.readTable(out.resolve("alerts"), "alert_id").stream().map(r -> (String) r[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> files(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void rerunReplacesOwnedTablesOnlyAndStrictLeavesThemUntouched(@TempDir Path tmp) throws Exception {
        GeneratedData.write(tmp.resolve("data"), 8, 10, 4);
        Path history = tmp.resolve("data/history"), live = tmp.resolve("data/live");
        // A second archive with one live day: a different run's worth of alerts.
        TestFiles.Result split = TestFiles.run("generate", "--out", tmp.resolve("data2").toString(), "--keys", "8",
                "--history-days", "10", "--live-days", "1", "--rate", "40");
        assertEquals(0, split.code());

        Path out = tmp.resolve("out");
        assertEquals(0, sweep(history, live, out).code());
        Set<String> first = alertIds(out);
        Files.createDirectories(out.resolve("leaks"));
        Files.writeString(out.resolve("leaks/part-0.parquet"), "not ours");

        assertEquals(0, sweep(history, tmp.resolve("data2/live"), out).code());
        Set<String> second = alertIds(out);
        Path fresh = tmp.resolve("fresh");
        assertEquals(0, sweep(history, tmp.resolve("data2/live"), fresh).code());
        assertEquals(alertIds(fresh), second, "the rerun's alerts are exactly a fresh run's: nothing mixed in");
        assertNotEquals(first, second);
        assertEquals("not ours", Files.readString(out.resolve("leaks/part-0.parquet")), "tables of other commands stay");
        assertEquals(2, files(out.resolve("_runs")).size());

        Set<String> before = files(out.resolve("alerts"));
        Files.writeString(tmp.resolve("data2/live/broken.jsonl"), "{oops\n");
        TestFiles.Result strict = sweep(history, tmp.resolve("data2/live"), out, "--strict");
        assertEquals(1, strict.code(), strict.err());
        assertTrue(strict.err().contains("rejected"), strict.err());
        assertEquals(before, files(out.resolve("alerts")), "--strict failure replaces nothing");
        assertEquals(Set.of("_runs", "alerts", "baselines", "incidents", "iocs", "leaks", "rejects", "scope", "timelines", "usage_hourly"), files(out));
    }
}
