package io.keytrail.flink.types;

import io.keytrail.model.KeyHash;
import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A compact serializer for {@link UsageRecord}, the type every archive record is shuffled, sorted and
 * spilled as. Flink's PojoSerializer writes each field through reflection with a null flag, and
 * strings as one variable-length char at a time; this one writes fields directly: strings as UTF-8
 * with a varint length (0 = null), counts as varints, a SHA-256 hex fingerprint as its 32 bytes.
 * Records are smaller (asserted by its test), and the sort and spill work shrinks with them.
 *
 * <p>Format version 1. Changing the layout needs a new snapshot version that reads the old one.
 */
public final class UsageRecordSerializer extends TypeSerializerSingleton<UsageRecord> {
    private static final long serialVersionUID = 1L;
    public static final UsageRecordSerializer INSTANCE = new UsageRecordSerializer();

    private static final HexFormat HEX = HexFormat.of();
    private static final int FP_NONE = 0;
    private static final int FP_RAW = 1;
    private static final int FP_TEXT = 2;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public UsageRecord createInstance() {
        return new UsageRecord();
    }

    @Override
    public UsageRecord copy(UsageRecord f) {
        UsageRecord r = new UsageRecord();
        r.tsMicros = f.tsMicros;
        r.offsetSeconds = f.offsetSeconds;
        r.apiKeyId = f.apiKeyId;
        r.apiKeyFingerprint = f.apiKeyFingerprint;
        r.model = f.model;
        r.inputTokens = f.inputTokens;
        r.outputTokens = f.outputTokens;
        r.endpoint = f.endpoint;
        r.sourceIp = f.sourceIp;
        r.userAgent = f.userAgent;
        r.statusCode = f.statusCode;
        r.costUsd = f.costUsd;
        r.provider = f.provider;
        r.requestCount = f.requestCount;
        r.errorCode = f.errorCode;
        r.bucketSeconds = f.bucketSeconds;
        r.requestId = f.requestId;
        r.seq = f.seq;
        return r;
    }

    @Override
    public UsageRecord copy(UsageRecord from, UsageRecord reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(UsageRecord r, DataOutputView out) throws IOException {
        out.writeLong(r.tsMicros);
        writeVarLong(out, zigzag(r.offsetSeconds));
        writeString(out, r.apiKeyId);
        if (r.apiKeyFingerprint == null) {
            out.writeByte(FP_NONE);
        } else if (KeyHash.isSha256Hex(r.apiKeyFingerprint)) {
            // Only the lowercase form travels as bytes, so that formatting them back gives the same string.
            out.writeByte(FP_RAW);
            out.write(HEX.parseHex(r.apiKeyFingerprint));
        } else {
            out.writeByte(FP_TEXT);
            writeString(out, r.apiKeyFingerprint);
        }
        writeString(out, r.model);
        writeVarLong(out, zigzag(r.inputTokens));
        writeVarLong(out, zigzag(r.outputTokens));
        writeString(out, r.endpoint);
        writeString(out, r.sourceIp);
        writeString(out, r.userAgent);
        writeVarLong(out, zigzag(r.statusCode));
        out.writeLong(Double.doubleToRawLongBits(r.costUsd));
        writeString(out, r.provider);
        writeVarLong(out, zigzag(r.requestCount));
        writeString(out, r.errorCode);
        writeVarLong(out, zigzag(r.bucketSeconds));
        writeString(out, r.requestId);
        out.writeLong(r.seq);
    }

    @Override
    public UsageRecord deserialize(DataInputView in) throws IOException {
        return deserialize(in, null);
    }

    /** As {@link #deserialize(DataInputView)}; with {@code repeated}, strings equal to the previous record's are shared. */
    UsageRecord deserialize(DataInputView in, RepeatedStrings repeated) throws IOException {
        UsageRecord r = new UsageRecord();
        r.tsMicros = in.readLong();
        r.offsetSeconds = (int) unzigzag(readVarLong(in));
        r.apiKeyId = readString(in, repeated, RepeatedStrings.API_KEY_ID);
        int fp = in.readUnsignedByte();
        if (fp == FP_RAW) {
            if (repeated != null) {
                r.apiKeyFingerprint = repeated.readSha256Hex(in);
            } else {
                byte[] raw = new byte[32];
                in.readFully(raw);
                r.apiKeyFingerprint = HEX.formatHex(raw);
            }
        } else if (fp == FP_TEXT) {
            r.apiKeyFingerprint = readString(in, repeated, RepeatedStrings.FINGERPRINT);
        } else if (fp != FP_NONE) {
            throw new IOException("corrupt UsageRecord: fingerprint tag " + fp);
        }
        r.model = readString(in, repeated, RepeatedStrings.MODEL);
        r.inputTokens = unzigzag(readVarLong(in));
        r.outputTokens = unzigzag(readVarLong(in));
        r.endpoint = readString(in, repeated, RepeatedStrings.ENDPOINT);
        r.sourceIp = readString(in, repeated, RepeatedStrings.SOURCE_IP);
        r.userAgent = readString(in, repeated, RepeatedStrings.USER_AGENT);
        r.statusCode = (int) unzigzag(readVarLong(in));
        r.costUsd = Double.longBitsToDouble(in.readLong());
        r.provider = readString(in, repeated, RepeatedStrings.PROVIDER);
        r.requestCount = unzigzag(readVarLong(in));
        r.errorCode = readString(in, repeated, RepeatedStrings.ERROR_CODE);
        r.bucketSeconds = unzigzag(readVarLong(in));
        r.requestId = readString(in, repeated, RepeatedStrings.REQUEST_ID);
        r.seq = in.readLong();
        return r;
    }

    @Override
    public UsageRecord deserialize(UsageRecord reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    /** Byte for byte, without building the record (the sorter copies records when it spills). */
    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.writeLong(in.readLong());
        copyVarLong(in, out);
        copyString(in, out);
        int fp = in.readUnsignedByte();
        out.writeByte(fp);
        if (fp == FP_RAW) out.write(in, 32);
        else if (fp == FP_TEXT) copyString(in, out);
        copyString(in, out);
        copyVarLong(in, out);
        copyVarLong(in, out);
        copyString(in, out);
        copyString(in, out);
        copyString(in, out);
        copyVarLong(in, out);
        out.writeLong(in.readLong());
        copyString(in, out);
        copyVarLong(in, out);
        copyString(in, out);
        copyVarLong(in, out);
        copyString(in, out);
        out.writeLong(in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<UsageRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores state written by this serializer (format version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UsageRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    static void writeVarLong(DataOutputView out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new IOException("corrupt UsageRecord: varint longer than 10 bytes");
    }

    private static void copyVarLong(DataInputView in, DataOutputView out) throws IOException {
        writeVarLong(out, readVarLong(in));
    }

    static void writeString(DataOutputView out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, b.length + 1L);
        out.write(b);
    }

    static String readString(DataInputView in) throws IOException {
        return readString(in, null, 0);
    }

    private static String readString(DataInputView in, RepeatedStrings repeated, int field) throws IOException {
        long n = readVarLong(in);
        if (n == 0) return null;
        if (n - 1 > Integer.MAX_VALUE) throw new IOException("corrupt UsageRecord: string of " + (n - 1) + " bytes");
        if (repeated != null) return repeated.read(in, field, (int) (n - 1));
        byte[] b = new byte[(int) (n - 1)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void copyString(DataInputView in, DataOutputView out) throws IOException {
        long n = readVarLong(in);
        writeVarLong(out, n);
        if (n > 1) out.write(in, (int) (n - 1));
    }
}
