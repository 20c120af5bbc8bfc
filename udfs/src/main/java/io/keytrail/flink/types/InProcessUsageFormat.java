package io.keytrail.flink.types;

import io.keytrail.model.UsageRecord;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

import static io.keytrail.flink.types.UsageRecordSerializer.readString;
import static io.keytrail.flink.types.UsageRecordSerializer.readVarLong;
import static io.keytrail.flink.types.UsageRecordSerializer.unzigzag;
import static io.keytrail.flink.types.UsageRecordSerializer.writeString;
import static io.keytrail.flink.types.UsageRecordSerializer.writeVarLong;
import static io.keytrail.flink.types.UsageRecordSerializer.zigzag;

/**
 * A usage record's bytes for a shuffle that never leaves this JVM (a local BATCH sweep): the repeating
 * strings (key id, fingerprint, model, endpoint, IP, user agent, provider, error code) as numbers in
 * {@link InProcessStrings#JVM}, the rest as in {@link UsageRecordSerializer}. A typical record takes
 * about 42 bytes instead of 162 (InProcessUsageFormatTest), so the shuffle files, the sort buffers and
 * their spills shrink to about a quarter, and neither side converts the repeating strings to or from
 * UTF-8. Each record starts with {@link InProcessStrings#TOKEN}; a record from another JVM is refused.
 */
final class InProcessUsageFormat {
    /** A string reference: null, text that follows, or (from this value up) a number plus this. */
    private static final int NULL = 0;
    private static final int TEXT = 1;
    private static final int NUMBERED = 2;

    private InProcessUsageFormat() {}

    static void write(UsageRecord r, DataOutputView out) throws IOException {
        write(r, out, InProcessStrings.JVM);
    }

    static UsageRecord read(DataInputView in) throws IOException {
        return read(in, InProcessStrings.JVM);
    }

    static void write(UsageRecord r, DataOutputView out, InProcessStrings strings) throws IOException {
        out.writeInt(InProcessStrings.TOKEN);
        out.writeLong(r.tsMicros);
        writeVarLong(out, zigzag(r.offsetSeconds));
        writeRef(out, strings, r.apiKeyId);
        writeRef(out, strings, r.apiKeyFingerprint);
        writeRef(out, strings, r.model);
        writeVarLong(out, zigzag(r.inputTokens));
        writeVarLong(out, zigzag(r.outputTokens));
        writeRef(out, strings, r.endpoint);
        writeRef(out, strings, r.sourceIp);
        writeRef(out, strings, r.userAgent);
        writeVarLong(out, zigzag(r.statusCode));
        out.writeLong(Double.doubleToRawLongBits(r.costUsd));
        writeRef(out, strings, r.provider);
        writeVarLong(out, zigzag(r.requestCount));
        writeRef(out, strings, r.errorCode);
        writeVarLong(out, zigzag(r.bucketSeconds));
        writeString(out, r.requestId); // unique per request: numbering would only fill the table
        writeVarLong(out, zigzag(r.seq));
    }

    static UsageRecord read(DataInputView in, InProcessStrings strings) throws IOException {
        int token = in.readInt();
        if (token != InProcessStrings.TOKEN) {
            throw new IOException("in-process usage record written by another JVM (token " + token + "); "
                    + "this encoding is only for shuffles inside one process");
        }
        UsageRecord r = new UsageRecord();
        r.tsMicros = in.readLong();
        r.offsetSeconds = (int) unzigzag(readVarLong(in));
        r.apiKeyId = readRef(in, strings);
        r.apiKeyFingerprint = readRef(in, strings);
        r.model = readRef(in, strings);
        r.inputTokens = unzigzag(readVarLong(in));
        r.outputTokens = unzigzag(readVarLong(in));
        r.endpoint = readRef(in, strings);
        r.sourceIp = readRef(in, strings);
        r.userAgent = readRef(in, strings);
        r.statusCode = (int) unzigzag(readVarLong(in));
        r.costUsd = Double.longBitsToDouble(in.readLong());
        r.provider = readRef(in, strings);
        r.requestCount = unzigzag(readVarLong(in));
        r.errorCode = readRef(in, strings);
        r.bucketSeconds = unzigzag(readVarLong(in));
        r.requestId = readString(in);
        r.seq = unzigzag(readVarLong(in));
        return r;
    }

    private static void writeRef(DataOutputView out, InProcessStrings strings, String s) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
            return;
        }
        int id = strings.idOf(s);
        if (id == InProcessStrings.FULL) {
            out.writeByte(TEXT);
            writeString(out, s);
        } else {
            writeVarLong(out, (long) id + NUMBERED);
        }
    }

    private static String readRef(DataInputView in, InProcessStrings strings) throws IOException {
        long v = readVarLong(in);
        if (v == NULL) return null;
        if (v == TEXT) {
            String s = readString(in);
            if (s == null) throw new IOException("corrupt in-process usage record: null text after a text tag");
            return s;
        }
        if (v - NUMBERED > Integer.MAX_VALUE) throw new IOException("corrupt in-process usage record: string number " + (v - NUMBERED));
        return strings.valueOf((int) (v - NUMBERED));
    }
}
