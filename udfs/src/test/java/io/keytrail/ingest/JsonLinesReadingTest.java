package io.keytrail.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesReadingTest {
    static final String GOOD = "{\"timestamp\":\"2026-01-01T10:00:00\",\"api_key_id\":\"key_a\",\"model\":\"m\",\"input_tokens\":5,\"output_tokens\":6}";

    @Test
    void everyBadLineIsARejectWithItsLineNumberAndReason(@TempDir File dir) throws Exception {
        String text = String.join("\n",
                GOOD,
                "",
                "{not json",
                "[1,2]",
                "{\"timestamp\":\"yesterday\",\"api_key_id\":\"k\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1}",
                "{\"timestamp\":\"2026-01-01T10:00:00\",\"api_key_id\":\"k\",\"model\":\"m\",\"input_tokens\":1.5,\"output_tokens\":1}",
                "{\"timestamp\":\"2026-01-01T10:00:00\",\"api_key_id\":\"k\",\"model\":\"m\",\"input_tokens\":99999999999999999999,\"output_tokens\":1}",
                "{\"timestamp\":\"2026-01-01T10:00:00\",\"api_key_id\":7,\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1}",
                "{\"timestamp\":1767261600000,\"api_key_prefix\":\"k\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1,\"extra\":{\"a\":1}}");
        File f = new File(dir, "u.jsonl");
        Files.writeString(f.toPath(), text);
        List<ParsedRow> rows = FormatReading.read(f);
        assertEquals(8, rows.size(), "the blank line is not a record");
        assertNull(rows.get(0).reject);
        assertEquals("line 3", rows.get(1).reject.location);
        assertTrue(rows.get(1).reject.reason.startsWith("invalid JSON"), rows.get(1).reject.reason);
        assertEquals("{not json", rows.get(1).reject.raw);
        assertEquals("not a JSON object", rows.get(2).reject.reason);
        assertTrue(rows.get(3).reject.reason.contains("not ISO-8601"));
        assertTrue(rows.get(4).reject.reason.contains("not a whole number"));
        assertTrue(rows.get(5).reject.reason.contains("overflows"));
        assertTrue(rows.get(6).reject.reason.contains("api_key_id has type integer"));
        assertNull(rows.get(7).reject, "epoch millis, the seed's column name and extra fields are fine");
        assertEquals(1767261600000L * 1000, rows.get(7).record.tsMicros);
    }

    @Test
    void gzipAndFullSecretsMaskedEverywhere(@TempDir File dir) throws Exception {
        String secret = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9o";
        String line = "{\"timestamp\":\"2026-01-01T10:00:00Z\",\"api_key_id\":\"" + secret + "\",\"model\":\"m\",\"input_tokens\":1,"
                + "\"output_tokens\":1,\"user_agent\":\"curl key=" + secret + "\"}\n{\"api_key_id\":\"" + secret + "\"}\n";
        File f = new File(dir, "u.jsonl.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(new FileOutputStream(f))) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        List<ParsedRow> rows = FormatReading.read(f);
        assertEquals(2, rows.size());
        assertEquals("sk-proj-...9o".length() + 2, rows.get(0).record.apiKeyId.length());
        assertTrue(rows.get(0).record.apiKeyId.startsWith("sk-proj-..."));
        assertEquals(64, rows.get(0).record.apiKeyFingerprint.length());
        assertFalse(rows.get(0).record.userAgent.contains(secret));
        assertFalse(rows.get(1).reject.raw.contains(secret), "rejected raw content is masked too");
    }

    @Test
    void aKeyCutByClippingIsMaskedFirst(@TempDir File dir) throws Exception {
        String key = new io.keytrail.secrets.FakeKeys(7).groq();
        // The bad timestamp's key straddles the reason's 64-character clip; the raw line's straddles 4096.
        String ts = "x".repeat(50) + " " + key;
        String head = "{\"timestamp\":\"" + ts + "\",\"api_key_id\":\"k\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1,"
                + "\"user_agent\":\"";
        String line = head + "y".repeat(4096 - head.length() - 21) + " " + key + "\"}";
        File f = new File(dir, "u.jsonl");
        Files.writeString(f.toPath(), line + "\n");
        List<ParsedRow> rows = FormatReading.read(f);
        assertEquals(1, rows.size());
        String stored = rows.get(0).reject.reason + "|" + rows.get(0).reject.raw;
        for (int i = 0; i + 8 <= key.length(); i++) {
            assertFalse(stored.contains(key.substring(i, i + 8)), "no 8 characters of the key: " + key.substring(i, i + 8));
        }
    }
}
