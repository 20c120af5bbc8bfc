package io.keytrail.jobs.stream;

import io.keytrail.ingest.InvalidRecordException;
import io.keytrail.ingest.JsonUsageParser;
import io.keytrail.ingest.ParsedRow;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.RejectText;
import io.keytrail.ingest.KafkaPosition;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.ingest.provider.ProviderParser;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One Kafka message → one ParsedRow with the file reader's parser and normalizer, so a message means
 * what the same line means in a file. Its position (partition, offset) orders ties; a message that
 * cannot be used becomes a reject naming its topic, partition and offset.
 */
public final class KafkaUsageDeserializer implements KafkaRecordDeserializationSchema<ParsedRow> {
    private static final long serialVersionUID = 1L;

    private final UsageNormalizer normalizer;
    /** Null for canonical messages; else the provider format's parser (the same one `ingest` uses). */
    private final ProviderParser provider;
    /** How far a record's event time may be ahead of its message's timestamp; 0: no limit. */
    private final long maxAheadMillis;
    private transient RawFields raw;

    public KafkaUsageDeserializer(UsageNormalizer normalizer) {
        this(normalizer, null, 0);
    }

    public KafkaUsageDeserializer(UsageNormalizer normalizer, ProviderParser provider) {
        this(normalizer, provider, 0);
    }

    /**
     * @param maxAheadMillis a record whose event time is further ahead of its Kafka message's timestamp
     *                       is rejected: one far-future record would push the partition's watermark past
     *                       all real usage and make every later record late.
     */
    public KafkaUsageDeserializer(UsageNormalizer normalizer, ProviderParser provider, long maxAheadMillis) {
        this.normalizer = normalizer;
        this.provider = provider;
        this.maxAheadMillis = maxAheadMillis;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRow> out) {
        if (raw == null) raw = new RawFields();
        String where = "partition " + record.partition() + " offset " + record.offset();
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            out.collect(reject(record.topic(), where, "empty message", null));
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            out.collect(reject(record.topic(), where, "message is not valid UTF-8", new String(value, StandardCharsets.UTF_8)));
            return;
        }
        if (provider != null) {
            int[] index = {0};
            provider.parse("stream", record.topic(), where, text, new ProviderParser.Output() {
                @Override
                public void accept(ParsedRow row) {
                    out.collect(aheadCheck(row, record, where, text));
                }

                @Override
                public long nextSeq() {
                    return KafkaPosition.seq(record.partition(), record.offset(), index[0]++);
                }
            });
            return;
        }
        String error = JsonUsageParser.parse(text, raw);
        if (error != null) {
            out.collect(reject(record.topic(), where, error, text));
            return;
        }
        try {
            long seq = KafkaPosition.seq(record.partition(), record.offset(), 0);
            out.collect(aheadCheck(ParsedRow.ok(normalizer.normalize(raw, seq)), record, where, text));
        } catch (InvalidRecordException e) {
            out.collect(reject(record.topic(), where, e.getMessage(), text));
        }
    }

    private ParsedRow aheadCheck(ParsedRow row, ConsumerRecord<byte[], byte[]> record, String where, String text) {
        if (maxAheadMillis <= 0 || row.record == null || record.timestamp() < 0) return row;
        long eventMillis = Math.floorDiv(row.record.tsMicros, 1000L);
        if (eventMillis - record.timestamp() <= maxAheadMillis) return row;
        return reject(record.topic(), where, "timestamp " + java.time.Instant.ofEpochMilli(eventMillis) + " is more than "
                + java.time.Duration.ofMillis(maxAheadMillis) + " ahead of its message's timestamp "
                + java.time.Instant.ofEpochMilli(record.timestamp()) + " (see --max-ahead)", text);
    }

    private ParsedRow reject(String topic, String where, String reason, String text) {
        return ParsedRow.rejected(Reject.of("stream", topic, where, normalizer.masker().maskText(reason),
                RejectText.of(normalizer.masker(), text)));
    }

    @Override
    public TypeInformation<ParsedRow> getProducedType() {
        return TypeInformation.of(ParsedRow.class);
    }

    /** Event time of a parsed row for the watermark strategy; rejects do not move time. */
    public static long timestampOf(ParsedRow row) {
        UsageRecord r = row.record;
        return r == null ? Long.MIN_VALUE : Math.floorDiv(r.tsMicros, 1000L);
    }
}
