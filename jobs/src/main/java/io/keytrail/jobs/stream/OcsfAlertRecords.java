package io.keytrail.jobs.stream;

import io.keytrail.model.Alert;
import io.keytrail.ocsf.OcsfDetectionFinding;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Alerts as Kafka records: key = api_key_id (one key's alerts stay in order), value = the OCSF
 * Detection Finding. The record timestamp is left to the producer (publication time): the element's
 * Flink timestamp can be an event-time timer far from now (a backfill, or a day's end), which brokers
 * reject, and the finding carries its detection time itself.
 */
public final class OcsfAlertRecords implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public OcsfAlertRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, a.apiKeyId.getBytes(StandardCharsets.UTF_8), OcsfDetectionFinding.bytes(a));
    }
}
