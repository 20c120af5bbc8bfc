package io.keytrail.flink.types;

import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flink's serializer contract (SerializerTestBase: copy, duplicate, snapshot, restore) plus field-by-field round trips. */
class UsageRecordSerializerTest extends SerializerTestBase<UsageRecord> {
    UsageRecordSerializerTest() {
        super(ReflectedFields.checker(UsageRecord.class));
    }

    @Override
    protected TypeSerializer<UsageRecord> createSerializer() {
        return UsageRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<UsageRecord> getTypeClass() {
        return UsageRecord.class;
    }

    @Override
    protected UsageRecord[] getTestData() {
        Random rnd = new Random(7);
        List<UsageRecord> out = new ArrayList<>();
        out.add(new UsageRecord());
        for (int i = 0; i < 300; i++) out.add(random(rnd));
        return out.toArray(new UsageRecord[0]);
    }

    static UsageRecord random(Random rnd) {
        UsageRecord r = new UsageRecord();
        r.tsMicros = rnd.nextLong();
        r.offsetSeconds = rnd.nextInt(2 * 86_400) - 86_400;
        r.apiKeyId = text(rnd);
        r.apiKeyFingerprint = switch (rnd.nextInt(4)) {
            case 0 -> null;
            case 1 -> "ABCDEF".repeat(10) + "abcd"; // 64 characters, not lowercase hex: travels as text
            default -> hex(rnd, 64);
        };
        r.model = text(rnd);
        r.inputTokens = rnd.nextBoolean() ? rnd.nextInt(100_000) : rnd.nextLong();
        r.outputTokens = rnd.nextInt(10) - 3;
        r.endpoint = rnd.nextInt(5) == 0 ? "" : text(rnd);
        r.sourceIp = text(rnd);
        r.userAgent = text(rnd);
        r.statusCode = rnd.nextBoolean() ? UsageRecord.NO_STATUS : rnd.nextInt(1000);
        r.costUsd = switch (rnd.nextInt(4)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            default -> rnd.nextDouble() * 1e6;
        };
        r.provider = text(rnd);
        r.requestCount = rnd.nextBoolean() ? 1 : Long.MAX_VALUE - rnd.nextInt(3);
        r.errorCode = text(rnd);
        r.bucketSeconds = rnd.nextBoolean() ? 0 : Long.MIN_VALUE + rnd.nextInt(3);
        r.requestId = text(rnd);
        r.seq = rnd.nextLong();
        return r;
    }

    private static String text(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return null;
            case 1: return "";
            case 2: return "gpt-4o-mini";
            case 3: return "é漢字 \uD83D\uDE00 " + rnd.nextInt();
            case 4: return "x".repeat(rnd.nextInt(400));
            default: return hex(rnd, rnd.nextInt(80));
        }
    }

    private static String hex(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("0123456789abcdef".charAt(rnd.nextInt(16)));
        return b.toString();
    }

    @Test
    void everyFieldSurvivesARoundTripAndTheFormatIsSmallerThanThePojoSerializers() throws Exception {
        Random rnd = new Random(11);
        @SuppressWarnings("unchecked")
        TypeSerializer<UsageRecord> pojo = (TypeSerializer<UsageRecord>) (TypeSerializer<?>)
                new org.apache.flink.api.java.typeutils.PojoTypeInfo<>(UsageRecord.class, ReflectedFields.pojoFields(UsageRecord.class))
                        .createSerializer(new SerializerConfigImpl());
        long ours = 0, theirs = 0;
        for (int i = 0; i < 2000; i++) {
            UsageRecord r = random(rnd);
            DataOutputSerializer out = new DataOutputSerializer(256);
            UsageRecordSerializer.INSTANCE.serialize(r, out);
            ours += out.length();
            UsageRecord back = UsageRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertEquals(ReflectedFields.of(r), ReflectedFields.of(back));
            DataOutputSerializer p = new DataOutputSerializer(256);
            pojo.serialize(r, p);
            theirs += p.length();
        }
        assertTrue(ours < theirs, "compact format " + ours + " bytes vs PojoSerializer " + theirs);
    }

    @Test
    void flinkPicksTheSerializerWhereverTheTypeAppears() {
        assertInstanceOf(UsageRecordTypeInfo.class, TypeInformation.of(UsageRecord.class));
        assertInstanceOf(UsageRecordSerializer.class,
                TypeInformation.of(UsageRecord.class).createSerializer(new SerializerConfigImpl()));
    }
}
