package io.keytrail.jobs.leakscan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.TestFiles;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.table.Column;
import io.keytrail.table.ColumnType;
import io.keytrail.table.Tables;
import io.keytrail.leaks.Leak;
import io.keytrail.leaks.LeakExposures;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `keytrail leakscan` end to end: outputs, SARIF, the pre-commit hook, the ignore file, no secret anywhere. */
class LeakscanCommandTest {
    private static final String RULES = "../conf/secret-rules.json";
    private static final String URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private final Random rnd = new Random(4242L);

    /** Fake keys of the documented shapes (see udfs FakeKeys): random, never real. */
    private String chars(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(URLSAFE.charAt(rnd.nextInt(URLSAFE.length())));
        return b.toString();
    }

    private String openaiKey() { return "sk-proj-" + chars(74) + "T3BlbkFJ" + chars(74); }

    private String anthropicKey() { return "sk-ant-api03-" + chars(93) + "AA"; }

    private static Git commitAll(Git git, String message, long epochSecond) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Dev", "dev@example.com", Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        return git;
    }

    @Test
    void scansEverySourceAndNoSecretAppearsInAnyByteWritten(@TempDir Path tmp) throws Exception {
        String gitKey = openaiKey();
        String bundleKey = anthropicKey();
        String logKey = openaiKey();
        String alertKey = openaiKey();
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("config.py"), "KEY = '" + gitKey + "'\n");
            commitAll(git, "add key", 1_700_000_000L);
            Files.writeString(repo.resolve("config.py"), "KEY = os.environ['KEY']\n");
            commitAll(git, "remove key", 1_700_000_600L);
        }
        Path dir = Files.createDirectories(tmp.resolve("dist"));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("ext.crx")))) {
            z.putNextEntry(new ZipEntry("bg.min.js"));
            z.write(("var k=\"" + bundleKey + "\";").getBytes(StandardCharsets.UTF_8));
        }
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("ci.log"), "2025-01-02T03:04:05Z echo " + logKey + "\n2025-01-02T03:04:06Z echo " + gitKey + "\n");
        Path alerts = tmp.resolve("alerts.json");
        Files.writeString(alerts, "[{\"created_at\":\"2025-02-01T00:00:00Z\",\"secret_type\":\"openai_api_key\",\"secret\":\"" + alertKey + "\"}]");
        Path out = tmp.resolve("out");

        TestFiles.Result r = TestFiles.run("leakscan", "--repo", repo.toString(), "--dir", dir.toString(), "--logs", logs.toString(),
                "--github-alerts", alerts.toString(), "--out", out.toString(), "--rules", RULES);
        assertEquals(0, r.code(), r.err());

        List<Object[]> rows = TestFiles.readTable(out.resolve("leaks"), "fingerprint", "source_kind", "first_exposure", "still_present", "removed_in", "time_source");
        assertEquals(5, rows.size(), "git, bundle, 2 log lines, alert");
        long firstOfGitKey = rows.stream().filter(x -> KeyMasker.sha256Hex(gitKey).equals(x[0]) && Boolean.TRUE.equals(x[2])).count();
        assertEquals(1, firstOfGitKey);
        Object[] gitRow = rows.stream().filter(x -> "git".equals(x[1])).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, gitRow[2], "the commit predates the log line");
        assertEquals(Boolean.FALSE, gitRow[3]);
        assertTrue(gitRow[4] instanceof String);
        assertTrue(rows.stream().anyMatch(x -> Leak.BUNDLE.equals(x[1])));

        JsonNode sarif = new ObjectMapper().readTree(out.resolve("leaks.sarif").toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertTrue(sarif.get("$schema").asText().contains("sarif-2.1.0"));
        JsonNode run = sarif.get("runs").get(0);
        assertTrue(run.get("tool").get("driver").get("rules").size() > 10);
        assertEquals(5, run.get("results").size());
        for (JsonNode res : run.get("results")) {
            assertTrue(res.hasNonNull("ruleId"));
            String rule = res.get("ruleId").asText();
            assertEquals(rule, run.get("tool").get("driver").get("rules").get(res.get("ruleIndex").asInt()).get("id").asText());
        }
        assertTrue(run.get("results").get(0).get("locations").get(0).get("physicalLocation").get("region").has("startLine"));
        assertEquals(5, new ObjectMapper().readTree(out.resolve("leaks.json").toFile()).size());
        try (Stream<Path> runs = Files.list(out.resolve("_runs"))) {
            assertEquals(1, runs.count());
        }

        // DuckDB reads the table with the documented types; the sweep's reader finds each key's first exposure.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out.resolve("leaks") + "/*.parquet')")) {
            java.util.Map<String, String> types = new java.util.HashMap<>();
            while (rs.next()) types.put(rs.getString(1), rs.getString(2));
            assertEquals("VARCHAR[]", types.get("refs"));
            assertEquals("BOOLEAN", types.get("first_exposure"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("exposed_at"));
            assertEquals("INTEGER", types.get("line"));
        }
        LeakExposures ex = LeakExposures.read(new org.apache.flink.core.fs.Path(out.resolve("leaks").toUri()));
        assertEquals(4, ex.size());
        assertEquals(1_700_000_000_000_000L, ex.byFingerprint(KeyMasker.sha256Hex(gitKey)).exposedAtMicros());
        assertEquals("git", ex.byProviderLast4("openai", gitKey.substring(gitKey.length() - 4)).sourceKind());

        // Every byte written: files (raw), the table's decoded strings (Parquet pages are compressed), stdout, stderr.
        List<String> secrets = List.of(gitKey, bundleKey, logKey, alertKey);
        List<String> haystacks = new ArrayList<>(List.of(r.out(), r.err()));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) haystacks.add(Files.readString(f, StandardCharsets.ISO_8859_1));
        }
        List<String> stringColumns = new ArrayList<>();
        for (Column<Leak> c : Tables.LEAKS.columns()) if (c.type == ColumnType.STRING) stringColumns.add(c.name);
        for (Object[] row : TestFiles.readTable(out.resolve("leaks"), stringColumns.toArray(new String[0]))) {
            for (Object v : row) if (v != null) haystacks.add(v.toString());
        }
        for (String s : secrets) {
            for (String h : haystacks) assertFalse(h.contains(s) || h.contains(s.substring(12, s.length() - 4)), "a full secret was written");
        }
        assertTrue(r.out().contains("sk-proj-..." + gitKey.substring(gitKey.length() - 4)), r.out());
    }

    @Test
    void stagedModeIsAPreCommitHookHonouringExitCodeAndIgnoreFile(@TempDir Path tmp) throws Exception {
        String key = openaiKey();
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("a.txt"), "hello\n");
            commitAll(git, "init", 1_700_000_000L);
            assertEquals(0, TestFiles.run("leakscan", "--staged", "--repo", repo.toString(), "--rules", RULES).code(), "nothing staged");

            Files.writeString(repo.resolve("a.txt"), "hello\nOPENAI_API_KEY=" + key + "\n");
            git.add().addFilepattern("a.txt").call();
            TestFiles.Result hit = TestFiles.run("leakscan", "--staged", "--repo", repo.toString(), "--rules", RULES);
            assertEquals(1, hit.code(), hit.err());
            assertTrue(hit.err().contains("a.txt:2"), hit.err());
            assertFalse(hit.err().contains(key));
            assertEquals(7, TestFiles.run("leakscan", "--staged", "--repo", repo.toString(), "--rules", RULES, "--exit-code", "7").code());

            Path ignore = tmp.resolve("ignore");
            Files.writeString(ignore, "# accepted: revoked on 2025-01-01\n" + KeyMasker.sha256Hex(key) + "\n");
            assertEquals(0, TestFiles.run("leakscan", "--staged", "--repo", repo.toString(), "--rules", RULES, "--ignore", ignore.toString()).code());
            Files.copy(ignore, repo.resolve(".keytrailignore"));
            assertEquals(0, TestFiles.run("leakscan", "--staged", "--repo", repo.toString(), "--rules", RULES).code(),
                    "the work tree's .keytrailignore is used by default");
        }
    }

    @Test
    void usageErrorsAndHelp(@TempDir Path tmp) throws Exception {
        assertEquals(2, TestFiles.run("leakscan", "--out", tmp.toString(), "--rules", RULES).code(), "nothing to scan");
        assertEquals(2, TestFiles.run("leakscan", "--dir", tmp.toString(), "--rules", RULES).code(), "no --out");
        assertEquals(2, TestFiles.run("leakscan", "--repo", tmp.resolve("nope").toString(), "--out", tmp.toString(), "--rules", RULES).code());
        // A missing path inside a repository is an error too, not a scan of the repository around it.
        Path outer = tmp.resolve("outer");
        try (Git git = Git.init().setDirectory(outer.toFile()).call()) {
            Files.writeString(outer.resolve("README"), "nothing secret\n");
            commitAll(git, "init", 1_700_000_000L);
        }
        TestFiles.Result missing = TestFiles.run("leakscan", "--repo", outer.resolve("nope").toString(), "--out", tmp.resolve("o").toString(), "--rules", RULES);
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("--repo not found"), missing.err());
        TestFiles.Result h = TestFiles.run("leakscan", "--help");
        assertTrue(h.out().contains("--staged") && h.out().contains("(default: 1)") && h.out().contains("--github-alerts FILE"), h.out());
    }
}
