package io.keytrail.jobs.stream;

import io.keytrail.ingest.ParsedRow;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.secrets.KeyMasker;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A far-future record would hold its partition's watermark past all real usage: it is rejected instead. */
class MaxAheadTest {
    static ParsedRow read(KafkaUsageDeserializer d, String ts, Instant messageTime) {
        String m = "{\"timestamp\":\"" + ts + "\",\"api_key_id\":\"k\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1}";
        List<ParsedRow> rows = new ArrayList<>();
        d.deserialize(new ConsumerRecord<>("usage", 0, 7L, messageTime.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0, null,
                m.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty()), new Collector<>() {
            @Override
            public void collect(ParsedRow r) {
                rows.add(r);
            }

            @Override
            public void close() {}
        });
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void recordsFarAheadOfTheirMessageAreRejected() {
        Instant sent = Instant.parse("2026-03-01T12:00:00Z");
        KafkaUsageDeserializer d = new KafkaUsageDeserializer(new UsageNormalizer(KeyMasker.defaults()), null, 86_400_000L);
        assertNull(read(d, "2026-02-28T12:00:00Z", sent).reject, "usage from before it was sent");
        assertNull(read(d, "2026-03-02T12:00:00Z", sent).reject, "a day ahead (clock skew) is allowed");
        ParsedRow far = read(d, "9999-12-31T23:59:59Z", sent);
        assertNotNull(far.reject);
        assertEquals("partition 0 offset 7", far.reject.location);
        assertTrue(far.reject.reason.contains("ahead of its message's timestamp 2026-03-01T12:00:00Z"), far.reject.reason);
        KafkaUsageDeserializer unlimited = new KafkaUsageDeserializer(new UsageNormalizer(KeyMasker.defaults()), null, 0);
        assertNull(read(unlimited, "9999-12-31T23:59:59Z", sent).reject, "--max-ahead 0s: no limit");
    }
}
