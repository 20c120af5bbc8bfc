package io.keytrail.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.ingest.provider.ProviderFormats;
import io.keytrail.ingest.provider.ProviderParser;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.table.Column;
import io.keytrail.table.ColumnType;
import io.keytrail.table.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each provider format's sample files under datasets/providers/FORMAT, read through the real
 * BulkFormat, against the hand-written expected.jsonl: canonical records (null fields omitted) and
 * rejects (source file, exact location, a phrase of the reason, and text the raw must not hold).
 */
class ProviderFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"canonical", "openai-usage", "anthropic-usage", "azure-diagnostics", "vertex-audit",
            "bedrock-cloudtrail", "bedrock-invocation", "litellm", "openai-costs", "anthropic-cost", "openai-audit"})
    void parsesTheSamplesAsExpected(String format) throws Exception {
        File dir = providers().resolve(format).toFile();
        UsageNormalizer normalizer = new UsageNormalizer(KeyMasker.defaults());
        ProviderParser parser = ProviderFormats.create(format, normalizer);
        assertTrue(parser != null || format.equals(ProviderFormats.CANONICAL), format);
        File[] files = dir.listFiles((d, n) -> !n.equals("expected.jsonl"));
        Arrays.sort(files);
        List<ParsedRow> rows = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            var index = Map.of(UsageFileFormat.indexKey(new org.apache.flink.core.fs.Path(files[i].toURI())), i);
            rows.addAll(FormatReading.read(files[i], parser == null ? new UsageFileFormat("ingest", index, normalizer)
                    : new ProviderFileFormat("ingest", index, parser)));
        }
        List<String> expected = Files.readAllLines(dir.toPath().resolve("expected.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < Math.max(rows.size(), expected.size()); i++) {
            String what = format + " output " + (i + 1);
            assertTrue(i < rows.size(), what + ": missing, expected " + (i < expected.size() ? expected.get(i) : ""));
            assertTrue(i < expected.size(), what + ": unexpected " + render(rows.get(i)));
            JsonNode want = JSON.readTree(expected.get(i));
            ParsedRow got = rows.get(i);
            if (want.has("reject")) {
                JsonNode r = want.get("reject");
                assertNotNull(got.reject, what + ": expected a reject, got " + render(got));
                assertTrue(got.reject.source.endsWith("/" + r.get("source").asText()), what + ": source " + got.reject.source);
                assertEquals(r.get("location").asText(), got.reject.location, what + ": location (" + got.reject.reason + ")");
                assertTrue(got.reject.reason.contains(r.get("reason").asText()), what + ": reason " + got.reject.reason);
                if (r.has("raw_lacks")) {
                    assertFalse(got.reject.raw != null && got.reject.raw.contains(r.get("raw_lacks").asText()), what + ": raw holds a secret");
                }
            } else if (want.has("event_id")) {
                assertNotNull(got.event, what + ": expected a key event, got " + render(got));
                Map<String, String> actual = fields(render(got));
                String details = actual.remove("details");
                if (want.has("details_contains")) {
                    assertTrue(details.contains(want.get("details_contains").asText()), what + ": details " + details);
                    ((ObjectNode) want).remove("details_contains");
                }
                assertEquals(fields(want), actual, what);
            } else {
                assertNotNull(got.record, what + ": expected a record, got " + render(got));
                assertEquals(fields(want), fields(render(got)), what);
                assertEquals(want.has("api_key_fingerprint"), got.masked > 0, what + ": a masked key is counted");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aRestoredReaderSkipsWhatWasAlreadyEmitted() throws Exception {
        File f = providers().resolve("bedrock-cloudtrail/123456789012_CloudTrail_eu-west-3_20240708T1710Z_a1b2c3.json").toFile();
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(f.toURI());
        ProviderFileFormat format = new ProviderFileFormat("ingest", Map.of(UsageFileFormat.indexKey(p), 0),
                ProviderFormats.create("bedrock-cloudtrail", new UsageNormalizer(KeyMasker.defaults())));
        List<String> all = FormatReading.read(f, format).stream().map(r -> render(r).toString()).toList();
        assertEquals(6, all.size());
        var split = new org.apache.flink.connector.file.src.FileSourceSplit("s", p, 0, f.length(), f.lastModified(), f.length())
                .updateWithCheckpointedPosition(new org.apache.flink.connector.file.src.util.CheckpointedPosition(
                        org.apache.flink.connector.file.src.util.CheckpointedPosition.NO_OFFSET, 4));
        List<String> rest = new ArrayList<>();
        try (var reader = format.restoreReader(new org.apache.flink.configuration.Configuration(), split)) {
            org.apache.flink.connector.file.src.reader.BulkFormat.RecordIterator<ParsedRow> it;
            while ((it = reader.readBatch()) != null) {
                org.apache.flink.connector.file.src.util.RecordAndPosition<ParsedRow> rp;
                while ((rp = it.next()) != null) rest.add(render(rp.getRecord()).toString());
                it.releaseBatch();
            }
        }
        assertEquals(all.subList(4, 6), rest);
    }

    static java.nio.file.Path providers() {
        java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("datasets/providers"))) p = p.getParent();
        assertNotNull(p, "datasets/providers not found above the working directory");
        return p.resolve("datasets/providers");
    }

    /** A row as the usage table would store it, as JSON (null columns omitted). */
    static JsonNode render(ParsedRow row) {
        if (row.record != null) return render(Tables.USAGE, row.record);
        if (row.event != null) return render(Tables.KEY_EVENTS, row.event);
        return JSON.valueToTree(Map.of("reject", row.reject.toString()));
    }

    static <T> JsonNode render(io.keytrail.table.TableSchema<T> table, T r) {
        ObjectNode n = JSON.createObjectNode();
        for (Column<T> c : table.columns()) {
            Object v = c.getter.get(r);
            if (v == null) continue;
            if (c.type == ColumnType.TIMESTAMP) {
                long micros = (Long) v;
                v = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString();
            }
            n.set(c.name, JSON.valueToTree(v));
        }
        return n;
    }

    /** Field → text, so 5000 as int or long and 1e-5 however spelled compare equal. */
    private static Map<String, String> fields(JsonNode n) {
        Map<String, String> m = new TreeMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isContainerNode() ? e.getValue().toString()
                : e.getValue().isNumber()
                ? (e.getValue().isIntegralNumber() ? String.valueOf(e.getValue().longValue()) : String.valueOf(e.getValue().doubleValue()))
                : e.getValue().asText()));
        return m;
    }
}
