package io.keytrail.jobs.ingest;

import io.keytrail.jobs.TestFiles;
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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LiteLLM spend logs and a CloudTrail file through `ingest`, then `sweep` over the ingested usage
 * tables: the key's new IP and model in the live logs become alerts, and no full key is stored.
 */
class IngestThenSweepTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String KEY = "sk-proj-Qx7vLm2NpR9sTb4WcY6dHf8JkZ3aGe5uXi1oVn0qBtMrS";

    @TempDir
    static Path tmp;
    static TestFiles.Result history;
    static TestFiles.Result cloudTrail;
    static TestFiles.Result sweep;
    static TestFiles.Result priced;
    static TestFiles.Result joined;

    @BeforeAll
    static void ingestAndSweep() throws Exception {
        Files.writeString(tmp.resolve("history.jsonl"), spendLogs(1, 14, "10.0.0.5", "gpt-4o"));
        Files.writeString(tmp.resolve("live.jsonl"), spendLogs(15, 2, "45.155.205.7", "o1") + "{\"startTime\": \"2025-01-17T0\n");
        history = ingest("litellm", "ingested-history", tmp.resolve("history.jsonl").toString());
        assertEquals(0, history.code(), history.err());
        TestFiles.Result live = ingest("litellm", "ingested-live", tmp.resolve("live.jsonl").toString());
        assertEquals(0, live.code(), live.err());
        cloudTrail = ingest("bedrock-cloudtrail", "ingested-cloudtrail",
                "../datasets/providers/bedrock-cloudtrail/123456789012_CloudTrail_eu-west-3_20240708T1710Z_a1b2c3.json");
        assertEquals(0, cloudTrail.code(), cloudTrail.err());
        priced = TestFiles.run("ingest", "--format", "openai-usage",
                "--in", "../datasets/providers/openai-usage/usage-2024-11-01.json",
                "--in", "../datasets/providers/openai-usage/usage-daily.jsonl",
                "--costs", "../datasets/providers/openai-costs/costs-2024-11.json",
                "--out", tmp.resolve("ingested-priced").toString(), "--parallelism", "2", "--rules", "../conf/secret-rules.json");
        assertEquals(0, priced.code(), priced.err());
        Files.writeString(tmp.resolve("invocations.jsonl"), "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\","
                + "\"timestamp\":\"2024-07-08T17:09:03Z\",\"identity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/app/i-0abc\"},"
                + "\"requestId\":\"6f9e0000-0000-4000-8000-000000000005\",\"operation\":\"ConverseStream\","
                + "\"modelId\":\"anthropic.claude-3-haiku-20240307-v1:0\",\"input\":{\"inputTokenCount\":800},\"output\":{\"outputTokenCount\":150}}\n"
                + "{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2024-07-08T17:20:00Z\",\"identity\":{\"arn\":\"arn:aws:iam::123456789012:user/svc\"},"
                + "\"requestId\":\"no-such-event\",\"operation\":\"InvokeModel\",\"modelId\":\"amazon.titan-text-express-v1\","
                + "\"input\":{\"inputTokenCount\":5},\"output\":{\"outputTokenCount\":7}}\n");
        joined = TestFiles.run("ingest", "--format", "bedrock-cloudtrail",
                "--in", "../datasets/providers/bedrock-cloudtrail/123456789012_CloudTrail_eu-west-3_20240708T1710Z_a1b2c3.json",
                "--join-requests", tmp.resolve("invocations.jsonl").toString(),
                "--out", tmp.resolve("ingested-joined").toString(), "--parallelism", "2", "--rules", "../conf/secret-rules.json");
        assertEquals(0, joined.code(), joined.err());
        sweep = TestFiles.run("sweep", "--history", tmp.resolve("ingested-history/usage").toString(),
                "--archive", tmp.resolve("ingested-live/usage").toString(), "--out", tmp.resolve("swept").toString(),
                "--parallelism", "2", "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json");
        assertEquals(0, sweep.code(), sweep.err());
    }

    static TestFiles.Result ingest(String format, String out, String in) {
        return TestFiles.run("ingest", "--format", format, "--in", in, "--out", tmp.resolve(out).toString(),
                "--parallelism", "2", "--rules", "../conf/secret-rules.json");
    }

    /** One key's gateway log: 20 requests a day at office hours, from one IP, on one model. */
    static String spendLogs(int firstDay, int days, String ip, String model) {
        StringBuilder b = new StringBuilder();
        for (int d = firstDay; d < firstDay + days; d++) {
            for (int i = 0; i < 20; i++) {
                b.append(String.format("{\"request_id\":\"r-%d-%d\",\"call_type\":\"acompletion\",\"api_key\":\"%s\",\"spend\":0.002,"
                                + "\"prompt_tokens\":500,\"completion_tokens\":100,\"startTime\":\"2025-01-%02dT%02d:%02d:00Z\","
                                + "\"model\":\"%s\",\"requester_ip_address\":\"%s\",\"status\":\"success\"}%n",
                        d, i, KEY, d, 9 + i % 8, i, model, ip));
            }
        }
        return b.toString();
    }

    @Test
    void summarySaysWhatWasReadMaskedAndMissing() {
        assertTrue(history.out().contains("280 written to usage/"), history.out());
        assertTrue(history.out().contains("280 values held a full API key"), history.out());
        assertTrue(history.out().contains("no user_agent"), history.out());
        assertTrue(cloudTrail.out().contains("5 written to usage/ | 1 rejected"), cloudTrail.out());
        assertTrue(cloudTrail.out().contains("no input_tokens/output_tokens"), cloudTrail.out());
    }

    @Test
    void sweepReadsTheIngestedUsageAndFindsTheNewIpAndModel() throws Exception {
        assertTrue(sweep.out().contains("history 280 read, 0 rejected | archive 40 read, 0 rejected"), sweep.out());
        List<String> types = new ArrayList<>();
        for (Object[] row : TestFiles.readTable(tmp.resolve("swept/alerts"), "alert_type", "api_key_id")) {
            types.add((String) row[0]);
            assertEquals("sk-proj-...tMrS", row[1]);
        }
        assertTrue(types.contains("unknown_source_ip"), types.toString());
        assertTrue(types.contains("unknown_model"), types.toString());
    }

    @Test
    void costsPriceTheUsageRowsOfTheSameKeyModelAndDay() throws Exception {
        assertTrue(priced.out().contains("4 cost rows from 1 files (openai-costs): 2 usage rows priced"), priced.out());
        assertTrue(priced.out().contains("1 cost rows without usage kept"), priced.out());
        assertFalse(priced.out().contains("no cost_usd"), priced.out());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT api_key_id, model, CAST(timestamp AS DATE)::VARCHAR, cost_usd FROM read_parquet('"
                     + tmp.resolve("ingested-priced/usage") + "/**/*.parquet') ORDER BY 1, 3")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4));
            assertEquals(List.of(
                    "key_abc gpt-4o-2024-08-06 2024-11-01 0.0215",
                    "key_abc gpt-4o-2024-08-06 2024-11-02 null",
                    "key_xyz gpt-4o-mini-2024-07-18 2024-11-01 4.0E-5",
                    "proj_y ft-gpt-4o-mini-2024-07-18 2024-11-01 1.75"), rows);
        }
    }

    @Test
    void joinRequestsPutsTokensOnTheCloudTrailRecord() throws Exception {
        assertTrue(joined.out().contains("2 invocation log records from 1 files: 1 requests joined"), joined.out());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT endpoint, source_ip, user_agent, input_tokens, output_tokens FROM read_parquet('"
                     + tmp.resolve("ingested-joined/usage") + "/**/*.parquet') WHERE input_tokens > 0 ORDER BY timestamp")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4) + " " + rs.getLong(5));
            }
            assertEquals(List.of("ConverseStream 10.0.3.17 aws-sdk-java/2.25.0 800 150", "InvokeModel null null 5 7"), rows);
        }
    }

    @Test
    void ingestedTablesHoldNoFullKeyAndTheNewColumns() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String dir : List.of("ingested-history", "ingested-live", "ingested-cloudtrail")) {
                for (String table : List.of("usage", "rejects")) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + tmp.resolve(dir).resolve(table)
                            + "/**/*.parquet') t WHERE CAST(t AS VARCHAR) LIKE '%" + KEY + "%' OR CAST(t AS VARCHAR) LIKE '%AKIAZ7QRSTUV4WXYZ2AB%'")) {
                        rs.next();
                        assertEquals(0, rs.getLong(1), dir + "/" + table + " holds a full key");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT endpoint, error_code, status_code, bucket_seconds FROM read_parquet('"
                    + tmp.resolve("ingested-cloudtrail/usage") + "/**/*.parquet') WHERE endpoint = 'InvokeModel'")) {
                assertTrue(rs.next());
                assertEquals("AccessDenied", rs.getString(2));
                assertEquals(403, rs.getInt(3));
                rs.getLong(4);
                assertTrue(rs.wasNull(), "per-request rows have no bucket width");
            }
            try (ResultSet rs = st.executeQuery("SELECT location, reason FROM read_parquet('"
                    + tmp.resolve("ingested-live/rejects") + "/**/*.parquet')")) {
                assertTrue(rs.next());
                assertEquals("line 41", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("invalid JSON"), rs.getString(2));
                assertFalse(rs.next());
            }
        }
        assertTrue(Files.list(tmp.resolve("ingested-history/_runs")).findAny().isPresent(), "run record");
    }
}
