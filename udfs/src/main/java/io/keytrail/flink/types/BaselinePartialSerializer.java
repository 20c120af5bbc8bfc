package io.keytrail.flink.types;

import io.keytrail.baseline.BaselinePartial;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.keytrail.flink.types.UsageRecordSerializer.unzigzag;
import static io.keytrail.flink.types.UsageRecordSerializer.writeString;
import static io.keytrail.flink.types.UsageRecordSerializer.writeVarLong;
import static io.keytrail.flink.types.UsageRecordSerializer.zigzag;

/**
 * {@link BaselinePartial} as a length and one block of bytes. With 100,000 keys the baselines stage
 * moves 700,000 partials through the network, the sort buffer, spill files and the merge, and Flink's
 * PojoSerializer wrote each through reflection and each array element through the paged views one
 * call at a time (about half of the baselines threads' samples). Here a partial is encoded into a per-thread
 * array and crosses each view in one bulk copy; counts travel as varints, costs and timestamps whole.
 *
 * <p>Format version 1. Partials only cross a BATCH shuffle, never state, but a changed layout still
 * needs a new snapshot version.
 */
public final class BaselinePartialSerializer extends TypeSerializerSingleton<BaselinePartial> {
    private static final long serialVersionUID = 1L;
    public static final BaselinePartialSerializer INSTANCE = new BaselinePartialSerializer();
    /** One instance serves every thread: each encodes into an array of its own (and decodes from {@link ScratchBytes}). */
    private static final ThreadLocal<DataOutputSerializer> ENCODED = ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BaselinePartial createInstance() {
        return new BaselinePartial();
    }

    @Override
    public BaselinePartial copy(BaselinePartial f) {
        BaselinePartial p = new BaselinePartial();
        p.firstSeq = f.firstSeq;
        p.apiKeyId = f.apiKeyId;
        p.apiKeyFingerprint = f.apiKeyFingerprint;
        p.provider = f.provider;
        p.days = f.days == null ? null : f.days.clone();
        p.dayWeights = f.dayWeights == null ? null : f.dayWeights.clone();
        p.dayCostCounts = f.dayCostCounts == null ? null : f.dayCostCounts.clone();
        p.daySums = f.daySums == null ? null : f.daySums.clone();
        p.costs = f.costs == null ? null : f.costs.clone();
        p.models = f.models == null ? null : f.models.clone();
        p.ips = f.ips == null ? null : f.ips.clone();
        p.endpoints = f.endpoints == null ? null : f.endpoints.clone();
        p.userAgents = f.userAgents == null ? null : f.userAgents.clone();
        p.tokenCounts = f.tokenCounts == null ? null : f.tokenCounts.clone();
        p.tokenOffset = f.tokenOffset;
        p.hourCounts = f.hourCounts == null ? null : f.hourCounts.clone();
        p.records = f.records;
        p.requests = f.requests;
        p.minTs = f.minTs;
        p.maxTs = f.maxTs;
        return p;
    }

    @Override
    public BaselinePartial copy(BaselinePartial from, BaselinePartial reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BaselinePartial p, DataOutputView out) throws IOException {
        DataOutputSerializer b = ENCODED.get();
        b.clear();
        b.writeLong(p.firstSeq);
        writeString(b, p.apiKeyId);
        writeString(b, p.apiKeyFingerprint);
        writeString(b, p.provider);
        writeLongs(b, p.days);
        writeLongs(b, p.dayWeights);
        writeInts(b, p.dayCostCounts);
        writeDoubles(b, p.daySums);
        writeDoubles(b, p.costs);
        writeStrings(b, p.models);
        writeStrings(b, p.ips);
        writeStrings(b, p.endpoints);
        writeStrings(b, p.userAgents);
        writeLongs(b, p.tokenCounts);
        writeVarLong(b, zigzag(p.tokenOffset));
        writeLongs(b, p.hourCounts);
        writeVarLong(b, zigzag(p.records));
        writeVarLong(b, zigzag(p.requests));
        b.writeLong(p.minTs);
        b.writeLong(p.maxTs);
        out.writeInt(b.length());
        out.write(b.getSharedBuffer(), 0, b.length());
    }

    @Override
    public BaselinePartial deserialize(DataInputView in) throws IOException {
        int n = readLength(in);
        byte[] buf = ScratchBytes.atLeast(n);
        in.readFully(buf, 0, n);
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        try {
            BaselinePartial p = new BaselinePartial();
            p.firstSeq = b.getLong();
            p.apiKeyId = readString(b);
            p.apiKeyFingerprint = readString(b);
            p.provider = readString(b);
            p.days = readLongs(b);
            p.dayWeights = readLongs(b);
            p.dayCostCounts = readInts(b);
            p.daySums = readDoubles(b);
            p.costs = readDoubles(b);
            p.models = readStrings(b);
            p.ips = readStrings(b);
            p.endpoints = readStrings(b);
            p.userAgents = readStrings(b);
            p.tokenCounts = readLongs(b);
            p.tokenOffset = (int) unzigzag(readVarLong(b));
            p.hourCounts = readLongs(b);
            p.records = unzigzag(readVarLong(b));
            p.requests = unzigzag(readVarLong(b));
            p.minTs = b.getLong();
            p.maxTs = b.getLong();
            if (b.hasRemaining()) throw new IOException("corrupt BaselinePartial: " + b.remaining() + " bytes left over");
            return p;
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IOException("corrupt BaselinePartial: shorter than its fields (" + n + " bytes)", e);
        }
    }

    @Override
    public BaselinePartial deserialize(BaselinePartial reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    /** Byte for byte through a per-thread array: two bulk copies (the sorter spills and merges with this). */
    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        int n = readLength(in);
        out.writeInt(n);
        ScratchBytes.copy(in, out, n);
    }

    @Override
    public TypeSerializerSnapshot<BaselinePartial> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores state written by this serializer (format version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BaselinePartial> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    private static int readLength(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt BaselinePartial: length " + n);
        return n;
    }

    // Arrays carry their length + 1, so that 0 stands for null.

    private static void writeLongs(DataOutputSerializer b, long[] a) throws IOException {
        if (a == null) {
            b.writeByte(0);
            return;
        }
        writeVarLong(b, a.length + 1L);
        for (long v : a) writeVarLong(b, zigzag(v));
    }

    private static long[] readLongs(ByteBuffer b) throws IOException {
        int n = arrayLength(b);
        if (n < 0) return null;
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = unzigzag(readVarLong(b));
        return a;
    }

    private static void writeInts(DataOutputSerializer b, int[] a) throws IOException {
        if (a == null) {
            b.writeByte(0);
            return;
        }
        writeVarLong(b, a.length + 1L);
        for (int v : a) writeVarLong(b, zigzag(v));
    }

    private static int[] readInts(ByteBuffer b) throws IOException {
        int n = arrayLength(b);
        if (n < 0) return null;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = (int) unzigzag(readVarLong(b));
        return a;
    }

    private static void writeDoubles(DataOutputSerializer b, double[] a) throws IOException {
        if (a == null) {
            b.writeByte(0);
            return;
        }
        writeVarLong(b, a.length + 1L);
        // Raw bits, so NaN payloads and -0.0 come back as they went.
        for (double v : a) b.writeLong(Double.doubleToRawLongBits(v));
    }

    private static double[] readDoubles(ByteBuffer b) throws IOException {
        int n = arrayLength(b);
        if (n < 0) return null;
        if ((long) n * Long.BYTES > b.remaining()) throw new IOException("corrupt BaselinePartial: " + n + " doubles in " + b.remaining() + " bytes");
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(b.getLong());
        return a;
    }

    private static void writeStrings(DataOutputSerializer b, String[] a) throws IOException {
        if (a == null) {
            b.writeByte(0);
            return;
        }
        writeVarLong(b, a.length + 1L);
        for (String s : a) writeString(b, s);
    }

    private static String[] readStrings(ByteBuffer b) throws IOException {
        int n = arrayLength(b);
        if (n < 0) return null;
        String[] a = new String[n];
        for (int i = 0; i < n; i++) a[i] = readString(b);
        return a;
    }

    /** The array's length, -1 for null; never more than the bytes left could hold (one byte an element at least). */
    private static int arrayLength(ByteBuffer b) throws IOException {
        long n = readVarLong(b);
        if (n == 0) return -1;
        if (n - 1 > b.remaining()) throw new IOException("corrupt BaselinePartial: " + (n - 1) + " elements in " + b.remaining() + " bytes");
        return (int) (n - 1);
    }

    private static String readString(ByteBuffer b) throws IOException {
        long n = readVarLong(b);
        if (n == 0) return null;
        if (n - 1 > b.remaining()) throw new IOException("corrupt BaselinePartial: a string of " + (n - 1) + " bytes in " + b.remaining());
        int len = (int) (n - 1);
        String s = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    private static long readVarLong(ByteBuffer b) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b.get() & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw new IOException("corrupt BaselinePartial: varint longer than 10 bytes");
    }
}
