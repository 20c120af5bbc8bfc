package io.keytrail.jobs.stream;

import io.keytrail.model.Alert;
import io.keytrail.ocsf.OcsfDetectionFinding;
import org.apache.flink.api.common.serialization.SerializationSchema;

import java.nio.charset.StandardCharsets;

/** Alerts on Kafka: the value is the OCSF Detection Finding, the key the api_key_id (one key's alerts stay in order). */
public final class OcsfAlertSerializer {
    private OcsfAlertSerializer() {}

    public static final class Value implements SerializationSchema<Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(Alert a) {
            return OcsfDetectionFinding.bytes(a);
        }
    }

    public static final class Key implements SerializationSchema<Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(Alert a) {
            return a.apiKeyId.getBytes(StandardCharsets.UTF_8);
        }
    }
}
