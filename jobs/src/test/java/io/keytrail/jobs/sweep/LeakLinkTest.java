package io.keytrail.jobs.sweep;

import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.oracle.SeedRecord;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.report.Text;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leak date flows into the incident: leakscan's first exposure starts the compromise window and the dwell time. */
class LeakLinkTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void earliestExposureBecomesTheCompromiseStart(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(99);
        StringBuilder k = new StringBuilder("sk-proj-");
        for (int i = 0; i < 74; i++) k.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
        k.append("T3BlbkFJ");
        for (int i = 0; i < 74; i++) k.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
        String key = k.toString();
        long leakedAt = Instant.parse("2026-01-10T09:30:00Z").getEpochSecond();
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve(".env"), "OPENAI_API_KEY=" + key + "\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Dev", "dev@example.com", Instant.ofEpochSecond(leakedAt), ZoneOffset.UTC);
            git.commit().setMessage("config").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        TestFiles.Result scan = TestFiles.run("leakscan", "--repo", repo.toString(), "--out", tmp.resolve("leakscan").toString());
        assertEquals(0, scan.code(), scan.err());

        // The usage logs carry the full key: KeyTrail stores only its masked form and fingerprint.
        List<SeedRecord> history = new ArrayList<>(), archive = new ArrayList<>();
        for (int d = 1; d <= 9; d++) {
            for (int i = 0; i < 30; i++) {
                history.add(new SeedRecord(String.format("2026-01-%02dT%02d:%02d:00Z", d, 9 + i % 8, i), key, "gpt-4o",
                        200, 100, "/v1/chat/completions", "10.0.0.5", "app/2.0", 200, 0.01));
            }
        }
        for (int i = 0; i < 40; i++) {
            archive.add(new SeedRecord(String.format("2026-01-12T%02d:%02d:00Z", 9 + i % 8, i), key, "gpt-4o",
                    200, 100, "/v1/chat/completions", "10.0.0.5", "app/2.0", 200, 0.01));
        }
        for (int i = 0; i < 50; i++) {
            archive.add(new SeedRecord(String.format("2026-01-13T02:%02d:00Z", i), key, "gpt-4", 3000, 3000,
                    "/v1/chat/completions", "198.51.100.77", "curl/8.4.0", 200, 0.3));
        }
        TestFiles.writeJsonl(tmp.resolve("history/h.jsonl"), history);
        TestFiles.writeJsonl(tmp.resolve("archive/a.jsonl"), archive);
        Path out = tmp.resolve("out");
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("history").toString(), "--archive",
                tmp.resolve("archive").toString(), "--out", out.toString(), "--parallelism", "2",
                "--leaks", tmp.resolve("leakscan").toString());
        assertEquals(0, r.code(), r.err());
        List<Map<String, Object>> incidents = new ArrayList<>(TableRows.latest(
                TableRows.read(new org.apache.flink.core.fs.Path(out.resolve("incidents").toUri())), "incident_id").values());
        assertEquals(1, incidents.size());
        Map<String, Object> inc = incidents.get(0);
        assertEquals("leak", inc.get("compromise_start_source"));
        assertEquals(leakedAt * 1_000_000L, Text.micros(inc.get("exposure_at")));
        assertEquals(leakedAt * 1_000_000L, Text.micros(inc.get("compromise_start")));
        long detected = Text.micros(inc.get("detected_at"));
        assertTrue(detected >= Instant.parse("2026-01-13T02:00:00Z").getEpochSecond() * 1_000_000L, "detected on the attack");
        assertEquals((detected - leakedAt * 1_000_000L) / 1_000_000L, ((Number) inc.get("dwell_time_seconds")).longValue());
        assertTrue(((String) inc.get("api_key_id")).startsWith("sk-proj-..."), "stored masked: " + inc.get("api_key_id"));
        assertEquals(50L, ((Number) inc.get("attacker_requests")).longValue(), "the attacker's requests, not the app's");
        for (Path p : Files.walk(out).filter(Files::isRegularFile).toList()) {
            assertFalse(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains(key), p.toString());
        }
    }
}
