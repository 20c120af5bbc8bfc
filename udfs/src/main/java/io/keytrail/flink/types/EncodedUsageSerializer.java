package io.keytrail.flink.types;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** {@link EncodedUsage} as its key hash, the length of its bytes and the bytes. Format version 1. */
public final class EncodedUsageSerializer extends TypeSerializerSingleton<EncodedUsage> {
    private static final long serialVersionUID = 1L;
    public static final EncodedUsageSerializer INSTANCE = new EncodedUsageSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EncodedUsage createInstance() {
        return new EncodedUsage(0L, new byte[0]);
    }

    /** The bytes are never written to after encoding, so copies share them. */
    @Override
    public EncodedUsage copy(EncodedUsage from) {
        return new EncodedUsage(from.keyHash, from.bytes);
    }

    @Override
    public EncodedUsage copy(EncodedUsage from, EncodedUsage reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EncodedUsage e, DataOutputView out) throws IOException {
        out.writeLong(e.keyHash);
        out.writeInt(e.bytes.length);
        out.write(e.bytes);
    }

    @Override
    public EncodedUsage deserialize(DataInputView in) throws IOException {
        long keyHash = in.readLong();
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt EncodedUsage: length " + n);
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new EncodedUsage(keyHash, bytes);
    }

    @Override
    public EncodedUsage deserialize(EncodedUsage reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    /**
     * Through a per-thread array ({@link ScratchBytes}): the sorter spills with this, from its off-heap
     * pages to a spill file's, and a view-to-view copy was most of the spilling thread's samples.
     */
    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.writeLong(in.readLong());
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt EncodedUsage: length " + n);
        out.writeInt(n);
        ScratchBytes.copy(in, out, n);
    }

    @Override
    public TypeSerializerSnapshot<EncodedUsage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores state written by this serializer (format version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EncodedUsage> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
