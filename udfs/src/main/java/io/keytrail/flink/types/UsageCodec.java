package io.keytrail.flink.types;

import io.keytrail.model.KeyHash;
import io.keytrail.model.UsageRecord;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns usage records into {@link EncodedUsage} and back, in one {@link UsageEncoding}. Holds reusable
 * buffers and the previous record's strings ({@link RepeatedStrings}), so one instance serves one thread
 * (each function instance makes its own).
 */
public final class UsageCodec {
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private final RepeatedStrings repeated = new RepeatedStrings();
    private final boolean inProcess;

    public UsageCodec() {
        this(UsageEncoding.PORTABLE);
    }

    public UsageCodec(UsageEncoding encoding) {
        this.inProcess = encoding == UsageEncoding.IN_PROCESS;
    }

    public EncodedUsage encode(UsageRecord r) {
        out.clear();
        try {
            if (inProcess) InProcessUsageFormat.write(r, out);
            else UsageRecordSerializer.INSTANCE.serialize(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a usage record in memory", e);
        }
        return new EncodedUsage(KeyHash.of(r.groupKey()), out.getCopyOfBuffer());
    }

    public UsageRecord decode(EncodedUsage e) {
        in.setBuffer(e.bytes);
        try {
            return inProcess ? InProcessUsageFormat.read(in) : UsageRecordSerializer.INSTANCE.deserialize(in, repeated);
        } catch (IOException x) {
            throw new UncheckedIOException("decoding a usage record (" + e.bytes.length + " bytes)", x);
        }
    }
}
