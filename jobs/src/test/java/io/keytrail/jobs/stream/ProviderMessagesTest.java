package io.keytrail.jobs.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.ingest.ParsedRow;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.ingest.provider.ProviderFormats;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.time.IsoTimestamp;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `stream --format <provider>` reads the same records from Kafka messages as `ingest` reads from the
 * files: each sample document sent as one message gives the records of the hand-written expected.jsonl,
 * and the bad ones become rejects located by partition and offset.
 */
class ProviderMessagesTest {
    @ParameterizedTest
    @ValueSource(strings = {"openai-usage", "anthropic-usage", "azure-diagnostics", "vertex-audit", "bedrock-cloudtrail",
            "bedrock-invocation", "litellm"})
    void messagesGiveTheSamplesRecords(String format) throws Exception {
        Path dir = Path.of(System.getProperty("keytrail.home"), "datasets", "providers", format);
        UsageNormalizer n = new UsageNormalizer(KeyMasker.defaults());
        KafkaUsageDeserializer d = new KafkaUsageDeserializer(n, ProviderFormats.create(format, n));
        List<ParsedRow> rows = new ArrayList<>();
        Collector<ParsedRow> out = new Collector<>() {
            @Override
            public void collect(ParsedRow r) {
                rows.add(r);
            }

            @Override
            public void close() {}
        };
        long offset = 0;
        File[] files = dir.toFile().listFiles((x, name) -> !name.equals("expected.jsonl"));
        java.util.Arrays.sort(Objects.requireNonNull(files));
        for (File f : files) {
            List<String> messages = f.getName().endsWith(".json") ? List.of(Files.readString(f.toPath()))
                    : Files.readAllLines(f.toPath()).stream().filter(l -> !l.isBlank()).toList();
            for (String m : messages) {
                d.deserialize(new ConsumerRecord<>("usage", 0, offset++, null, m.getBytes(StandardCharsets.UTF_8)), out);
            }
        }
        ObjectMapper json = new ObjectMapper();
        List<String> expected = new ArrayList<>();
        long expectedRejects = 0;
        for (String line : Files.readAllLines(dir.resolve("expected.jsonl"))) {
            if (line.isBlank()) continue;
            JsonNode e = json.readTree(line);
            if (e.has("reject")) {
                expectedRejects++;
                continue;
            }
            if (e.has("event")) continue;
            long ts = IsoTimestamp.parse(e.get("timestamp").asText()).epochMicros();
            expected.add(e.get("api_key_id").asText() + " " + ts + " " + e.get("model").asText() + " "
                    + e.get("input_tokens").asLong() + " " + e.get("output_tokens").asLong());
        }
        List<String> got = rows.stream().filter(r -> r.record != null).map(r -> r.record.apiKeyId + " " + r.record.tsMicros + " "
                + r.record.model + " " + r.record.inputTokens + " " + r.record.outputTokens).toList();
        assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
        assertEquals(expectedRejects, rows.stream().filter(r -> r.reject != null).count());
        assertTrue(rows.stream().filter(r -> r.reject != null).allMatch(r -> r.reject.location.startsWith("partition 0 offset ")));
    }
}
