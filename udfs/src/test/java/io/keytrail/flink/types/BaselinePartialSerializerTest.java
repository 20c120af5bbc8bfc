package io.keytrail.flink.types;

import io.keytrail.baseline.BaselinePartial;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flink's serializer contract (SerializerTestBase: copy, duplicate, snapshot, restore) plus field-by-field round trips. */
class BaselinePartialSerializerTest extends SerializerTestBase<BaselinePartial> {
    BaselinePartialSerializerTest() {
        super(ReflectedFields.checker(BaselinePartial.class));
    }

    @Override
    protected TypeSerializer<BaselinePartial> createSerializer() {
        return BaselinePartialSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<BaselinePartial> getTypeClass() {
        return BaselinePartial.class;
    }

    @Override
    protected BaselinePartial[] getTestData() {
        Random rnd = new Random(5);
        List<BaselinePartial> out = new ArrayList<>();
        out.add(new BaselinePartial()); // every array and string null
        for (int i = 0; i < 200; i++) out.add(random(rnd));
        return out.toArray(new BaselinePartial[0]);
    }

    static BaselinePartial random(Random rnd) {
        BaselinePartial p = new BaselinePartial();
        p.firstSeq = rnd.nextBoolean() ? ((long) rnd.nextInt(1 << 20) << 40) | rnd.nextInt() : rnd.nextLong();
        p.apiKeyId = text(rnd);
        p.apiKeyFingerprint = text(rnd);
        p.provider = text(rnd);
        int days = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(40);
        p.days = rnd.nextInt(10) == 0 ? null : longs(rnd, days);
        p.dayWeights = longs(rnd, days);
        p.dayCostCounts = new int[days];
        for (int i = 0; i < days; i++) p.dayCostCounts[i] = rnd.nextBoolean() ? rnd.nextInt(50) : rnd.nextInt();
        p.daySums = doubles(rnd, days);
        p.costs = rnd.nextInt(10) == 0 ? null : doubles(rnd, rnd.nextInt(3000));
        p.models = strings(rnd);
        p.ips = strings(rnd);
        p.endpoints = strings(rnd);
        p.userAgents = strings(rnd);
        p.tokenCounts = longs(rnd, rnd.nextInt(64));
        p.tokenOffset = rnd.nextBoolean() ? rnd.nextInt(64) : rnd.nextInt();
        p.hourCounts = rnd.nextInt(10) == 0 ? null : longs(rnd, 24);
        p.records = rnd.nextBoolean() ? rnd.nextInt(100_000) : rnd.nextLong();
        p.requests = rnd.nextBoolean() ? rnd.nextInt(100_000) : Long.MIN_VALUE + rnd.nextInt(3);
        p.minTs = rnd.nextBoolean() ? Long.MAX_VALUE : rnd.nextLong();
        p.maxTs = rnd.nextBoolean() ? Long.MIN_VALUE : rnd.nextLong();
        return p;
    }

    private static long[] longs(Random rnd, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000);
                case 2 -> -rnd.nextInt(1000);
                default -> rnd.nextLong();
            };
        }
        return a;
    }

    private static double[] doubles(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (rnd.nextInt(5)) {
                case 0 -> -0.0;
                case 1 -> Double.longBitsToDouble(0x7ff8_0000_0000_0001L); // a NaN with a payload
                case 2 -> Double.MIN_VALUE;
                default -> rnd.nextDouble() * 100;
            };
        }
        return a;
    }

    private static String[] strings(Random rnd) {
        if (rnd.nextInt(10) == 0) return null;
        String[] a = new String[rnd.nextInt(12)];
        for (int i = 0; i < a.length; i++) a[i] = text(rnd);
        return a;
    }

    private static String text(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return null;
            case 1: return "";
            case 2: return "gpt-4o-mini";
            case 3: return "é漢字 \uD83D\uDE00 " + rnd.nextInt();
            case 4: return "x".repeat(rnd.nextInt(400));
            default: return Long.toHexString(rnd.nextLong());
        }
    }

    @Test
    void everyFieldSurvivesARoundTripAndTheFormatIsSmallerThanThePojoSerializers() throws Exception {
        Random rnd = new Random(13);
        TypeSerializer<BaselinePartial> pojo = new PojoTypeInfo<>(BaselinePartial.class, ReflectedFields.pojoFields(BaselinePartial.class))
                .createSerializer(new SerializerConfigImpl());
        long ours = 0, theirs = 0;
        for (int i = 0; i < 500; i++) {
            BaselinePartial p = random(rnd);
            DataOutputSerializer out = new DataOutputSerializer(256);
            BaselinePartialSerializer.INSTANCE.serialize(p, out);
            ours += out.length();
            BaselinePartial back = BaselinePartialSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertEquals(ReflectedFields.of(p), ReflectedFields.of(back));
            DataOutputSerializer q = new DataOutputSerializer(256);
            pojo.serialize(p, q);
            theirs += q.length();
        }
        assertTrue(ours < theirs, "compact format " + ours + " bytes vs PojoSerializer " + theirs);
    }

    @Test
    void truncatedOrPaddedBytesAreRefusedNotMisread() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        BaselinePartialSerializer.INSTANCE.serialize(random(new Random(3)), out);
        byte[] whole = out.getCopyOfBuffer();
        // The length prefix says how many bytes follow; claim fewer (a body cut short) or more (junk after it).
        for (int delta : new int[] {-1, -9, 1}) {
            byte[] changed = Arrays.copyOf(whole, whole.length + Math.max(delta, 0));
            int n = whole.length - 4 + delta;
            changed[0] = (byte) (n >>> 24);
            changed[1] = (byte) (n >>> 16);
            changed[2] = (byte) (n >>> 8);
            changed[3] = (byte) n;
            assertThrows(IOException.class,
                    () -> BaselinePartialSerializer.INSTANCE.deserialize(new DataInputDeserializer(changed)), "delta " + delta);
        }
    }

    @Test
    void flinkPicksTheSerializerWhereverTheTypeAppears() {
        assertInstanceOf(BaselinePartialTypeInfo.class, TypeInformation.of(BaselinePartial.class));
        assertInstanceOf(BaselinePartialSerializer.class,
                TypeInformation.of(BaselinePartial.class).createSerializer(new SerializerConfigImpl()));
    }
}
