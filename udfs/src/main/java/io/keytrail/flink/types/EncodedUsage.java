package io.keytrail.flink.types;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Arrays;

/**
 * A usage record as it crosses the keyed shuffle into detection: the {@link io.keytrail.model.KeyHash}
 * it is keyed by and its {@link UsageRecordSerializer} bytes ({@link UsageCodec} makes and reads them).
 *
 * <p>Why: BATCH deserializes each record arriving from the shuffle, serializes it into the sorter,
 * copies it field by field when the sorter spills, and deserializes it again after the sort, computing
 * its key hash on the way in and again on the way out. As bytes, each of those is an array copy, the
 * key hash is computed once, and the fields (mostly strings and varints) are decoded once, by the
 * detection function.
 */
@TypeInfo(EncodedUsageTypeInfo.Factory.class)
public final class EncodedUsage {
    public long keyHash;
    public byte[] bytes;

    public EncodedUsage() {}

    public EncodedUsage(long keyHash, byte[] bytes) {
        this.keyHash = keyHash;
        this.bytes = bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedUsage e && e.keyHash == keyHash && Arrays.equals(e.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(keyHash) * 31 + Arrays.hashCode(bytes);
    }
}
