package io.keytrail.jobs.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `keytrail sql` on a real sweep output: the tables, the analyst queries in conf/sql, the functions, errors, formats. */
class SqlCommandTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void sweep() throws Exception {
        GeneratedData.write(tmp.resolve("data"), 8, 10, 3);
        out = tmp.resolve("out");
        // The reference profile: its timelines use the seed's phases, which attack_phase reproduces.
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("data/history").toString(),
                "--archive", tmp.resolve("data/live").toString(), "--out", out.toString(), "--parallelism", "2",
                "--profile", "reference", "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json");
        assertEquals(0, r.code(), r.err());
    }

    static List<JsonNode> query(String sql) throws Exception {
        TestFiles.Result r = TestFiles.run("sql", "--from", out.toString(), "--format", "json", sql);
        assertEquals(0, r.code(), sql + "\n" + r.err());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().split("\n")) if (!line.isBlank()) rows.add(JSON.readTree(line));
        return rows;
    }

    static JsonNode one(String sql) throws Exception {
        List<JsonNode> rows = query(sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    @Test
    void everyQueryInConfSqlRunsAndMakesSense() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../conf/sql"))) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertEquals(5, files.size(), files.toString());
        for (Path f : files) {
            TestFiles.Result r = TestFiles.run("sql", "--from", out.toString(), "--format", "json", "--file", f.toString());
            assertEquals(0, r.code(), f + ": " + r.err());
            List<JsonNode> rows = new ArrayList<>();
            for (String line : r.out().split("\n")) if (!line.isBlank()) rows.add(JSON.readTree(line));
            assertFalse(rows.isEmpty(), f + " returned no rows");
            JsonNode first = rows.get(0);
            switch (f.getFileName().toString()) {
                case "top-keys-by-attacker-cost.sql":
                    assertTrue(first.get("attacker_cost_usd").asDouble() > 0, first.toString());
                    assertTrue(first.get("attacker_requests").asLong() > 0, first.toString());
                    for (int i = 1; i < rows.size(); i++) {
                        assertTrue(rows.get(i - 1).get("attacker_cost_usd").asDouble() >= rows.get(i).get("attacker_cost_usd").asDouble());
                    }
                    break;
                case "alerts-by-day-and-type.sql":
                    for (JsonNode n : rows) {
                        assertTrue(n.get("day").asText().matches("\\d{4}-\\d{2}-\\d{2}"), n.toString());
                        assertTrue(n.get("alerts").asLong() >= n.get("keys").asLong(), n.toString());
                        assertTrue(Set.of("low", "medium", "high", "critical").contains(n.get("worst_severity").asText()), n.toString());
                    }
                    break;
                case "ips-shared-across-keys.sql":
                    assertTrue(first.get("ip").asText().matches("[0-9a-fA-F.:]+"), first.toString());
                    assertTrue(first.get("keys").asLong() >= 1, first.toString());
                    break;
                case "dwell-time-distribution.sql":
                    assertEquals(one("SELECT COUNT(*) AS n FROM incidents WHERE dwell_time_seconds IS NOT NULL").get("n").asLong(),
                            rows.stream().mapToLong(n -> n.get("incidents").asLong()).sum());
                    break;
                case "abused-keys.sql":
                    assertEquals(one("SELECT COUNT(*) AS n FROM incidents").get("n").asLong(), rows.size());
                    assertFalse(first.get("since").isNull(), first.toString());
                    assertTrue(first.get("attacker_ips").asInt() > 0, first.toString());
                    break;
                default:
                    throw new AssertionError("no sanity check for " + f);
            }
        }
    }

    @Test
    void latestRevisionViewsAndRevisionTables() throws Exception {
        JsonNode a = one("SELECT (SELECT COUNT(*) FROM alerts) AS latest, (SELECT COUNT(DISTINCT alert_id) FROM alerts_revisions) AS ids, "
                + "(SELECT COUNT(*) FROM alerts_revisions) AS revisions");
        assertTrue(a.get("latest").asLong() > 0, a.toString());
        assertEquals(a.get("ids").asLong(), a.get("latest").asLong());
        assertTrue(a.get("revisions").asLong() >= a.get("latest").asLong());
        // The view holds each id's highest revision.
        assertEquals(0, one("SELECT COUNT(*) AS n FROM alerts a JOIN (SELECT alert_id, MAX(revision) AS r FROM alerts_revisions "
                + "GROUP BY alert_id) m ON a.alert_id = m.alert_id WHERE a.revision <> m.r").get("n").asLong());
        for (String t : List.of("incidents", "scope")) {
            JsonNode n = one("SELECT (SELECT COUNT(*) FROM `" + t + "`) AS latest, (SELECT COUNT(DISTINCT incident_id) FROM " + t
                    + "_revisions) AS ids");
            assertTrue(n.get("latest").asLong() > 0, t);
            assertEquals(n.get("ids").asLong(), n.get("latest").asLong(), t);
        }
        // usage is the sweep's archive; lists come back as arrays.
        assertTrue(one("SELECT COUNT(*) AS n FROM usage").get("n").asLong() > 0);
        JsonNode b = one("SELECT api_key_id, known_models, active_hours FROM baselines ORDER BY api_key_id LIMIT 1");
        assertTrue(b.get("known_models").isArray() && b.get("known_models").size() > 0, b.toString());
        assertTrue(b.get("active_hours").isArray() && b.get("active_hours").get(0).isInt(), b.toString());
    }

    @Test
    void functionsInSql() throws Exception {
        JsonNode n = one("SELECT COUNT(*) AS n, SUM(CASE WHEN attack_phase(input_tokens, output_tokens, endpoint, seq) = phase "
                + "THEN 1 ELSE 0 END) AS same FROM timelines");
        assertTrue(n.get("n").asLong() > 0, n.toString());
        assertEquals(n.get("n").asLong(), n.get("same").asLong(), "attack_phase = the reference timelines' phase");

        JsonNode c = one("SELECT cost_usd('gpt-4o', 1000, 2000) AS c, cost_usd('nope', 1, 1) AS unpriced, "
                + "risk_ord('critical') AS crit, risk_ord('bogus') AS bogus");
        assertEquals(0.035, c.get("c").asDouble(), 1e-12);
        assertTrue(c.get("unpriced").isNull());
        assertEquals(3, c.get("crit").asInt());
        assertEquals(-1, c.get("bogus").asInt());
        JsonNode priced = one("SELECT COUNT(*) AS n, COUNT(cost_usd(model, input_tokens, output_tokens)) AS priced FROM usage");
        assertTrue(priced.get("priced").asLong() > 0, priced.toString());
        assertEquals(3, one("SELECT MAX(risk_ord(severity)) AS m FROM alerts").get("m").asInt());

        String key = "sk-ant-api03-" + randomChars(93) + "AA";
        JsonNode k = one("SELECT mask_key('token=" + key + " end') AS masked, key_provider('" + key + "') AS p, "
                + "key_provider('sk-proj-...x9Qa') AS p2, key_provider('key_1') AS p3");
        assertEquals("token=sk-ant-api03-..." + key.substring(key.length() - 4) + " end", k.get("masked").asText());
        assertFalse(k.get("masked").asText().contains(key));
        assertEquals("anthropic", k.get("p").asText());
        assertEquals("openai", k.get("p2").asText());
        assertTrue(k.get("p3").isNull());
        assertEquals(0, one("SELECT COUNT(*) AS n FROM usage WHERE mask_key(api_key_id) <> api_key_id").get("n").asLong());

        JsonNode ip = one("SELECT ip_in_cidr('10.1.2.3', '10.0.0.0/8') AS a, ip_in_cidr('2001:db8::1', '2001:db8::/32') AS b, "
                + "ip_in_cidr('2001:db9::1', '2001:db8::/32') AS c, ip_in_cidr('nope', '10.0.0.0/8') AS d");
        assertTrue(ip.get("a").asBoolean());
        assertTrue(ip.get("b").asBoolean());
        assertFalse(ip.get("c").asBoolean());
        assertTrue(ip.get("d").isNull());
        JsonNode all = one("SELECT COUNT(*) AS n, SUM(CASE WHEN ip_in_cidr(source_ip, '0.0.0.0/0') OR ip_in_cidr(source_ip, '::/0') "
                + "THEN 1 ELSE 0 END) AS m FROM usage WHERE source_ip IS NOT NULL");
        assertTrue(all.get("n").asLong() > 0);
        assertEquals(all.get("n").asLong(), all.get("m").asLong());

        JsonNode off = one("SELECT is_off_hours(TIMESTAMP '2026-02-04 03:00:00', ARRAY[9, 10]) AS a, "
                + "is_off_hours(TO_TIMESTAMP_LTZ(36000000, 3), ARRAY[10]) AS b, is_off_hours(TO_TIMESTAMP_LTZ(0, 3), ARRAY[10]) AS c");
        assertTrue(off.get("a").asBoolean());
        assertFalse(off.get("b").asBoolean());
        assertTrue(off.get("c").asBoolean());
        JsonNode hours = one("SELECT COUNT(*) AS n, SUM(CASE WHEN is_off_hours(u.`timestamp`, b.active_hours) THEN 1 ELSE 0 END) AS off "
                + "FROM usage u JOIN baselines b ON u.api_key_id = b.api_key_id");
        assertTrue(hours.get("off").asLong() > 0, hours.toString());
        assertTrue(hours.get("off").asLong() < hours.get("n").asLong(), hours.toString());
    }

    @Test
    void keywordColumnsNeedBackquotes() throws Exception {
        TestFiles.Result r = TestFiles.run("sql", "--from", out.toString(), "SELECT timestamp FROM alerts");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("line 1, column 8"), r.err());
        assertTrue(r.err().contains("need backquotes: `timestamp`"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String col : List.of("`timestamp`", "`day`", "`type`", "`value`", "`hour`")) {
            String table = col.equals("`type`") || col.equals("`value`") ? "iocs" : col.equals("`hour`") ? "usage_hourly" : "alerts";
            assertTrue(one("SELECT COUNT(" + col + ") AS n FROM " + table).get("n").asLong() > 0, col);
        }
    }

    @Test
    void scopeIsAKeywordToo() throws Exception {
        TestFiles.Result r = TestFiles.run("sql", "--from", out.toString(), "SELECT COUNT(*) FROM scope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("need backquotes: `scope`"), r.err());
        assertTrue(one("SELECT COUNT(*) AS n FROM `scope`").get("n").asLong() > 0);
    }

    @Test
    void sqlErrorsAreOneLineWithThePosition() {
        TestFiles.Result r = TestFiles.run("sql", "--from", out.toString(), "SELECT *\nFORM alerts");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        // FORM reads as an alias of *, so the parser stops at the next word.
        assertTrue(r.err().startsWith("keytrail sql: syntax error at line 2, column 6: Encountered \"alerts\""), r.err());

        r = TestFiles.run("sql", "--from", out.toString(), "SELECT api_key_id,\n  nope FROM alerts");
        assertEquals(2, r.code());
        assertEquals("keytrail sql: error at line 2, column 3: Column 'nope' not found in any table", r.err().strip());

        r = TestFiles.run("sql", "--from", out.toString(), "SELECT * FROM alertz");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 1, column 15") && r.err().contains("tables: baselines, alerts, alerts_revisions"), r.err());

        r = TestFiles.run("sql", "--from", tmp.resolve("nothing").toString(), "SELECT 1");
        assertEquals(2, r.code());
        r = TestFiles.run("sql", "--from", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no query"), r.err());
    }

    @Test
    void tableAndCsvFormats() {
        TestFiles.Result t = TestFiles.run("sql", "--from", out.toString(),
                "SELECT api_key_id, days_observed, known_models FROM baselines ORDER BY api_key_id;");
        assertEquals(0, t.code(), t.err());
        List<String> lines = t.out().lines().toList();
        assertTrue(lines.get(0).matches("api_key_id\\s+\\| days_observed \\| known_models"), lines.get(0));
        assertTrue(lines.get(1).matches("-+\\+-+\\+-+"), lines.get(1));
        assertEquals("(8 rows)", lines.get(lines.size() - 1));
        assertEquals(8 + 3, lines.size());
        // Aligned: every row has the separators at the header's columns.
        int bar = lines.get(0).indexOf('|');
        for (String l : lines.subList(2, 10)) assertEquals('|', l.charAt(bar), l);

        TestFiles.Result c = TestFiles.run("sql", "--from", out.toString(), "--format", "csv",
                "SELECT 'a,b' AS s, 1 AS n, CAST(NULL AS STRING) AS z");
        assertEquals(0, c.code(), c.err());
        assertEquals("s,n,z\n\"a,b\",1,\n", c.out().replace("\r", ""));
    }

    @Test
    void readmeDuckDbQueriesRunOnTheSweep() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int begin = readme.indexOf("<!-- duckdb:begin");
        int end = readme.indexOf("<!-- duckdb:end -->");
        assertTrue(begin > 0 && end > begin, "README has no duckdb block");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```sql\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme.substring(begin, end));
        int queries = 0;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement()) {
            while (m.find()) {
                String sql = m.group(1).replace("'out/", "'" + out.toString().replace("'", "''") + "/");
                int rows = 0;
                try (java.sql.ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) rows++;
                }
                assertTrue(rows > 0, "no rows from\n" + sql);
                queries++;
            }
        }
        assertEquals(5, queries);
    }

    private static String randomChars(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Random r = new Random(42);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }
}
