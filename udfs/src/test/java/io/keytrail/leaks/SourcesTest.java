package io.keytrail.leaks;

import io.keytrail.secrets.FakeKeys;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretRules;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.Tables;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folders, bundles, CI logs, GitHub alerts, the ignore file and reading exposures back. */
class SourcesTest {
    private final FakeKeys keys = new FakeKeys(77L);
    private final LeakFinder finder = new LeakFinder(SecretRules.defaults());

    static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return b.toByteArray();
    }

    @Test
    void keyInsideANestedBundleIsFoundAndBinariesAreSkipped(@TempDir Path tmp) throws Exception {
        String key = keys.openaiProject();
        String minified = "!function(){var a={apiKey:\"" + key + "\",model:\"gpt-4o\"};window.cfg=a}();";
        byte[] inner = zip("assets/app.min.js", minified.getBytes(StandardCharsets.UTF_8));
        Files.write(tmp.resolve("app.apk"), zip("lib/inner.jar", inner));
        Files.write(tmp.resolve("blob.bin"), ("\0\0" + keys.openaiProject() + "\0").getBytes(StandardCharsets.ISO_8859_1));
        List<Leak> leaks = new FileScanner(finder).scanDir(tmp);
        assertEquals(1, leaks.size(), leaks.toString());
        Leak l = leaks.get(0);
        assertEquals(Leak.BUNDLE, l.sourceKind);
        assertEquals(tmp.resolve("app.apk") + "!/lib/inner.jar!/assets/app.min.js", l.path);
        assertEquals(KeyMasker.sha256Hex(key), l.fingerprint);
        assertEquals(Leak.FILE_MTIME, l.timeSource);
    }

    @Test
    void ciLogLinesTakeTheirTimestamp(@TempDir Path tmp) throws Exception {
        String key = keys.anthropic();
        Files.writeString(tmp.resolve("job.log"), "2025-06-01T12:00:00.1234567Z Run tests\n"
                + "2025-06-01T12:00:05.0000000Z env ANTHROPIC_API_KEY=" + key + "\n");
        List<Leak> leaks = new FileScanner(finder).scanLogs(tmp.resolve("job.log"));
        assertEquals(1, leaks.size());
        assertEquals(Leak.LOG, leaks.get(0).sourceKind);
        assertEquals(2, leaks.get(0).line);
        assertEquals(Leak.LOG_TIMESTAMP, leaks.get(0).timeSource);
        assertEquals(Instant.parse("2025-06-01T12:00:05Z").toEpochMilli() * 1000L, leaks.get(0).exposedAtMicros);
    }

    @Test
    void githubAlertsKeepOnlyFingerprintAndDisplay() throws Exception {
        String key = keys.openaiProject();
        String json = "[{\"number\":3,\"created_at\":\"2025-05-02T08:00:00Z\",\"secret_type\":\"openai_api_key\","
                + "\"secret\":\"" + key + "\",\"repository\":{\"full_name\":\"acme/web\"},"
                + "\"locations\":[{\"type\":\"commit\",\"details\":{\"path\":\"src/a.js\",\"start_line\":4,\"commit_sha\":\"abc\"}}]},"
                + "{\"number\":4,\"created_at\":\"2025-05-03T08:00:00Z\",\"secret_type\":\"anthropic_api_key\",\"secret\":\"sk-ant-...Qx9A\"}]";
        List<Leak> leaks = new GitHubAlerts(finder).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "alerts.json");
        assertEquals(2, leaks.size());
        Leak a = leaks.get(0);
        assertEquals(KeyMasker.sha256Hex(key), a.fingerprint);
        assertEquals("openai", a.provider);
        assertEquals("acme/web", a.repo);
        assertEquals("src/a.js", a.path);
        assertEquals(4, a.line);
        assertEquals(Leak.ALERT_CREATED_AT, a.timeSource);
        Leak redacted = leaks.get(1);
        assertNull(redacted.fingerprint);
        assertEquals("anthropic", redacted.provider);
        assertEquals("Qx9A", redacted.last4());
        assertThrows(java.io.IOException.class, () -> new GitHubAlerts(finder).read(
                new ByteArrayInputStream(("{\"secret\":\"" + key + "\"").getBytes(StandardCharsets.UTF_8)), "bad.json"));
    }

    @Test
    void ignoreFileHoldsFingerprintsAndComments(@TempDir Path tmp) throws Exception {
        String fp = KeyMasker.sha256Hex(keys.google());
        Files.writeString(tmp.resolve(".keytrailignore"), "# revoked test key\n" + fp + "  # ticket 12\n\n");
        IgnoreList ig = IgnoreList.load(tmp.resolve(".keytrailignore"));
        Leak l = new Leak();
        l.fingerprint = fp;
        assertTrue(ig.ignores(l));
        Files.writeString(tmp.resolve("bad"), "not-a-fingerprint\n");
        assertThrows(java.io.IOException.class, () -> IgnoreList.load(tmp.resolve("bad")));
    }

    @Test
    void exposuresAreReadBackEarliestPerFingerprintAndPerLast4(@TempDir Path tmp) throws Exception {
        Leak late = leak("f1", "openai", "sk-proj-...AbCd", 2_000_000L);
        Leak early = leak("f1", "openai", "sk-proj-...AbCd", 1_000_000L);
        Leak alert = leak(null, "anthropic", "sk-ant-...Zz99", 5_000_000L);
        Path dir = tmp.resolve("leaks");
        Files.createDirectories(dir);
        try (ParquetWriter<Leak> w = new ParquetRowWriter<>(Tables.LEAKS).openFile(new org.apache.flink.core.fs.Path(dir.resolve("part-0.parquet").toUri()))) {
            for (Leak l : List.of(late, early, alert)) w.write(l);
        }
        LeakExposures ex = LeakExposures.read(new org.apache.flink.core.fs.Path(dir.toUri()));
        assertEquals(1, ex.size());
        assertEquals(1_000_000L, ex.byFingerprint("f1").exposedAtMicros());
        assertEquals(1_000_000L, ex.byProviderLast4("openai", "AbCd").exposedAtMicros());
        assertEquals(5_000_000L, ex.byProviderLast4("anthropic", "Zz99").exposedAtMicros());
        assertNull(ex.byProviderLast4("openai", "zzzz"));
    }

    private static Leak leak(String fp, String provider, String redacted, long at) {
        Leak l = new Leak();
        l.fingerprint = fp;
        l.provider = provider;
        l.rule = "r";
        l.redacted = redacted;
        l.sourceKind = Leak.GIT;
        l.exposedAtMicros = at;
        l.timeSource = Leak.COMMIT_TIME;
        return l;
    }
}
