package io.keytrail.jobs.sweep;

import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.generate.GeneratedData;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep's tables as analysts open them: DuckDB reads each one, with the documented types. */
class OutputTablesTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void sweep() throws Exception {
        GeneratedData.write(tmp.resolve("data"), 6, 10, 3);
        // One bad line in the archive, so the rejects table has a row.
        Files.writeString(tmp.resolve("data/live/bad.jsonl"), "{\"timestamp\": \"nope\"}\n");
        out = tmp.resolve("out");
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("data/history").toString(),
                "--archive", tmp.resolve("data/live").toString(), "--out", out.toString(), "--parallelism", "2",
                "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("alerts"), r.out());
    }

    static Map<String, String> describe(Statement st, String table) throws Exception {
        Map<String, String> types = new HashMap<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out.resolve(table)
                + "/**/*.parquet', hive_partitioning=true)")) {
            while (rs.next()) types.put(rs.getString(1), rs.getString(2));
        }
        return types;
    }

    static long count(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + out.resolve(table)
                + "/**/*.parquet', hive_partitioning=true)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void duckDbReadsEveryTableWithTheDocumentedTypes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String table : List.of("baselines", "alerts", "rejects")) {
                assertEquals(TestFiles.readTable(out.resolve(table), table.equals("rejects") ? "reason" : "api_key_id").size(),
                        count(st, table), table);
            }
            assertTrue(count(st, "alerts") > 0);
            assertEquals(6, count(st, "baselines"));
            assertEquals(1, count(st, "rejects"));
            Map<String, String> alerts = describe(st, "alerts");
            assertEquals("TIMESTAMP WITH TIME ZONE", alerts.get("timestamp"));
            assertEquals("TIMESTAMP WITH TIME ZONE", alerts.get("detected_at"));
            assertEquals("INTEGER", alerts.get("revision"));
            Map<String, String> baselines = describe(st, "baselines");
            assertEquals("VARCHAR[]", baselines.get("known_models"));
            assertEquals("INTEGER[]", baselines.get("active_hours"));
            try (ResultSet rs = st.executeQuery("SELECT reason, location FROM read_parquet('" + out.resolve("rejects") + "/**/*.parquet')")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("not ISO-8601"), rs.getString(1));
                assertEquals("line 1", rs.getString(2));
            }
        }
    }

    @Test
    void runRecordIsWritten() throws Exception {
        try (var files = Files.list(out.resolve("_runs"))) {
            List<Path> runs = files.toList();
            assertEquals(1, runs.size());
            String json = Files.readString(runs.get(0));
            assertTrue(json.contains("\"command\" : \"sweep\""), json);
            assertTrue(json.contains("\"archive_rejects\" : 1"), json);
        }
        assertFalse(Files.exists(out.resolve(".staging")), "no staging left behind");
    }
}
