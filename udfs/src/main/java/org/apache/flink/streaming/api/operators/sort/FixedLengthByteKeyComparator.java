package org.apache.flink.streaming.api.operators.sort;

import org.apache.flink.api.common.typeutils.TypeComparator;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.Arrays;

/**
 * KeyTrail's stand-in for Flink 2.2's comparator of BATCH sort entries (serialized key, record
 * timestamp): same name, package, constructor and order, so that a local run, where the job jar comes
 * first on the class path, sorts with it. On a cluster Flink loads its own copy parent-first, and
 * sorts the same way, only slower.
 *
 * <p>Why: Flink's {@code NormalizedKeySorter} keeps at most 8 normalized-key bytes per flat comparator,
 * and Flink's comparator reports one. With an 8-byte key (KeyTrail keys by a 64-bit hash) the
 * normalized key is the key alone, so every comparison of two records of one key, most of a sort's
 * comparisons, fell through to {@link #compareSerialized}, which reads both entries back through
 * paged views a byte at a time (about two thirds of the sorting thread). This comparator reports one
 * flat comparator per 8 bytes of key and timestamp, so the normalized key holds both and decides
 * every comparison alone. It writes the timestamp big-endian: the comparison of normalized keys is
 * bytewise, and Flink's helper writes a whole timestamp in native order, which that path never hit.
 *
 * <p>Order, as Flink's: key bytes as signed bytes, then timestamp as a signed long. Written against
 * Flink 2.2.0 (its tests stop on another version, so that an upgrade compares the two first).
 */
final class FixedLengthByteKeyComparator<IN> extends TypeComparator<Tuple2<byte[], StreamRecord<IN>>> {
    static final int TIMESTAMP_BYTE_SIZE = 8;
    private static final int BYTES_PER_FLAT_COMPARATOR = 8;

    private final int keyLength;
    private byte[] keyReference;
    private long timestampReference;

    FixedLengthByteKeyComparator(int keyLength) {
        this.keyLength = keyLength;
    }

    @Override
    public int hash(Tuple2<byte[], StreamRecord<IN>> record) {
        return record.hashCode();
    }

    @Override
    public void setReference(Tuple2<byte[], StreamRecord<IN>> toCompare) {
        keyReference = toCompare.f0;
        timestampReference = toCompare.f1.asRecord().getTimestamp();
    }

    @Override
    public boolean equalToReference(Tuple2<byte[], StreamRecord<IN>> candidate) {
        return Arrays.equals(keyReference, candidate.f0)
                && timestampReference == candidate.f1.asRecord().getTimestamp();
    }

    @Override
    public int compareToReference(TypeComparator<Tuple2<byte[], StreamRecord<IN>>> referencedComparator) {
        FixedLengthByteKeyComparator<IN> other = (FixedLengthByteKeyComparator<IN>) referencedComparator;
        int c = compareKeys(other.keyReference, keyReference);
        return c != 0 ? c : Long.compare(other.timestampReference, timestampReference);
    }

    @Override
    public int compare(Tuple2<byte[], StreamRecord<IN>> first, Tuple2<byte[], StreamRecord<IN>> second) {
        int c = compareKeys(first.f0, second.f0);
        return c != 0 ? c
                : Long.compare(first.f1.asRecord().getTimestamp(), second.f1.asRecord().getTimestamp());
    }

    private int compareKeys(byte[] first, byte[] second) {
        for (int i = 0; i < keyLength; i++) {
            int c = Byte.compare(first[i], second[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    @Override
    public int compareSerialized(DataInputView first, DataInputView second) throws java.io.IOException {
        for (int i = 0; i < keyLength; i++) {
            int c = Byte.compare(first.readByte(), second.readByte());
            if (c != 0) return c;
        }
        return Long.compare(first.readLong(), second.readLong());
    }

    @Override
    public boolean supportsNormalizedKey() {
        return true;
    }

    @Override
    public int getNormalizeKeyLen() {
        return keyLength + TIMESTAMP_BYTE_SIZE;
    }

    @Override
    public boolean isNormalizedKeyPrefixOnly(int keyBytes) {
        return keyBytes < getNormalizeKeyLen();
    }

    /** Key bytes shifted to unsigned order, then the timestamp with its sign bit flipped, big-endian; cut or zero-padded to numBytes. */
    @Override
    public void putNormalizedKey(Tuple2<byte[], StreamRecord<IN>> record, MemorySegment target, int offset, int numBytes) {
        byte[] key = record.f0;
        long ts = record.f1.asRecord().getTimestamp() ^ Long.MIN_VALUE;
        for (int i = 0; i < numBytes; i++) {
            byte b;
            if (i < keyLength) {
                b = (byte) (key[i] + 128);
            } else if (i < keyLength + TIMESTAMP_BYTE_SIZE) {
                b = (byte) (ts >>> ((TIMESTAMP_BYTE_SIZE - 1 - (i - keyLength)) * 8));
            } else {
                b = 0;
            }
            target.put(offset + i, b);
        }
    }

    @Override
    public boolean invertNormalizedKey() {
        return false;
    }

    @Override
    public TypeComparator<Tuple2<byte[], StreamRecord<IN>>> duplicate() {
        return new FixedLengthByteKeyComparator<>(keyLength);
    }

    /** The whole entry as each of the flat keys (Flink's large-record path sorts by these). */
    @Override
    public int extractKeys(Object record, Object[] target, int index) {
        int n = flatCount();
        for (int i = 0; i < n; i++) target[index + i] = record;
        return n;
    }

    /** One entry per 8 bytes of key and timestamp: the sorter's allowance for normalized-key bytes. */
    @Override
    @SuppressWarnings("rawtypes")
    public TypeComparator[] getFlatComparators() {
        TypeComparator[] flat = new TypeComparator[flatCount()];
        Arrays.fill(flat, this);
        return flat;
    }

    private int flatCount() {
        return (getNormalizeKeyLen() + BYTES_PER_FLAT_COMPARATOR - 1) / BYTES_PER_FLAT_COMPARATOR;
    }

    @Override
    public boolean supportsSerializationWithKeyNormalization() {
        return false;
    }

    @Override
    public void writeWithKeyNormalization(Tuple2<byte[], StreamRecord<IN>> record, DataOutputView target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Tuple2<byte[], StreamRecord<IN>> readWithKeyDenormalization(
            Tuple2<byte[], StreamRecord<IN>> reuse, DataInputView source) {
        throw new UnsupportedOperationException();
    }
}
