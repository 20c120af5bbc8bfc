package io.keytrail.flink.types;

import io.keytrail.model.KeyHash;
import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flink's serializer contract for the shuffle envelope, and the codec's round trip of every field. */
class EncodedUsageSerializerTest extends SerializerTestBase<EncodedUsage> {

    @Override
    protected TypeSerializer<EncodedUsage> createSerializer() {
        return EncodedUsageSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<EncodedUsage> getTypeClass() {
        return EncodedUsage.class;
    }

    @Override
    protected EncodedUsage[] getTestData() {
        Random rnd = new Random(5);
        UsageCodec codec = new UsageCodec();
        List<EncodedUsage> out = new ArrayList<>();
        out.add(new EncodedUsage(0L, new byte[0]));
        out.add(new EncodedUsage(-1L, new byte[] {0, 1, 2}));
        for (int i = 0; i < 200; i++) out.add(codec.encode(keyed(UsageRecordSerializerTest.random(rnd), i)));
        return out.toArray(new EncodedUsage[0]);
    }

    /** A record always has a key id (the normalizer rejects rows without one). */
    static UsageRecord keyed(UsageRecord r, int i) {
        if (r.groupKey() == null) r.apiKeyId = "key-" + i;
        return r;
    }

    @Test
    void theCodecKeepsEveryFieldAndKeysByTheGroupKeysHash() {
        Random rnd = new Random(13);
        UsageCodec codec = new UsageCodec();
        for (int i = 0; i < 2000; i++) {
            UsageRecord r = keyed(UsageRecordSerializerTest.random(rnd), i);
            EncodedUsage e = codec.encode(r);
            assertEquals(KeyHash.of(r.groupKey()), e.keyHash);
            assertEquals(ReflectedFields.of(r), ReflectedFields.of(codec.decode(e)));
        }
    }

    @Test
    void stringsRepeatedFromThePreviousRecordDecodeEqualAndShared() {
        // Small pools, so consecutive records often repeat a field, and often change it to another value of
        // the same length, to null and back, or between a raw and a text fingerprint.
        String[] pool = {"aaaa", "aaab", "baaa", "", null, "\u00e9\u20ac", "\uD83D\uDE00", "x".repeat(300), "x".repeat(299) + "y"};
        String[] fingerprints = {null, "ab".repeat(32), "cd".repeat(32), "AB".repeat(32)};
        Random rnd = new Random(17);
        UsageCodec encoder = new UsageCodec();
        UsageCodec decoder = new UsageCodec();
        UsageRecord previousIn = null;
        UsageRecord previousOut = null;
        int shared = 0;
        for (int i = 0; i < 5000; i++) {
            UsageRecord r = UsageRecordSerializerTest.random(rnd);
            r.apiKeyId = pool[rnd.nextInt(3)];
            r.apiKeyFingerprint = fingerprints[rnd.nextInt(fingerprints.length)];
            r.model = pool[rnd.nextInt(pool.length)];
            r.endpoint = pool[rnd.nextInt(pool.length)];
            r.sourceIp = pool[rnd.nextInt(pool.length)];
            r.userAgent = pool[rnd.nextInt(pool.length)];
            r.provider = pool[rnd.nextInt(pool.length)];
            r.errorCode = pool[rnd.nextInt(pool.length)];
            r.requestId = pool[rnd.nextInt(pool.length)];
            UsageRecord out = decoder.decode(encoder.encode(r));
            assertEquals(ReflectedFields.of(r), ReflectedFields.of(out), "record " + i);
            if (previousIn != null && r.model != null && r.model.equals(previousIn.model)) {
                assertSame(previousOut.model, out.model);
                shared++;
            }
            if (previousIn != null && r.apiKeyFingerprint != null && r.apiKeyFingerprint.equals(previousIn.apiKeyFingerprint)) {
                assertSame(previousOut.apiKeyFingerprint, out.apiKeyFingerprint);
            }
            previousIn = r;
            previousOut = out;
        }
        assertTrue(shared > 300, "repeats exercised: " + shared);
    }

    @Test
    void encodingsDoNotShareTheCodecsBuffer() {
        UsageCodec codec = new UsageCodec();
        UsageRecord a = new UsageRecord();
        a.apiKeyId = "key-a";
        a.model = "gpt-4o";
        UsageRecord b = new UsageRecord();
        b.apiKeyId = "key-b";
        b.model = "claude-3-haiku";
        EncodedUsage ea = codec.encode(a);
        EncodedUsage eb = codec.encode(b);
        assertNotEquals(ea, eb);
        assertEquals("gpt-4o", codec.decode(ea).model);
        assertEquals("claude-3-haiku", codec.decode(eb).model);
    }

    /** Off-heap pages smaller than a record, as the sorter spills from its pages to a spill file's. */
    @Test
    void copyingBetweenOffHeapPagesKeepsEveryRecordWhole() throws Exception {
        int page = 64;
        List<EncodedUsage> records = new ArrayList<>(List.of(getTestData()));
        byte[] big = new byte[5000];
        new Random(3).nextBytes(big);
        records.add(new EncodedUsage(42L, big)); // longer than the copy's buffer starts
        records.add(new EncodedUsage(7L, new byte[] {9}));
        ArrayList<org.apache.flink.core.memory.MemorySegment> from = new ArrayList<>();
        org.apache.flink.runtime.io.disk.SimpleCollectingOutputView src = pagedOutput(from, page);
        for (EncodedUsage e : records) EncodedUsageSerializer.INSTANCE.serialize(e, src);

        ArrayList<org.apache.flink.core.memory.MemorySegment> to = new ArrayList<>();
        org.apache.flink.runtime.io.disk.SimpleCollectingOutputView dst = pagedOutput(to, page);
        org.apache.flink.runtime.io.disk.RandomAccessInputView in = new org.apache.flink.runtime.io.disk.RandomAccessInputView(from, page);
        for (int i = 0; i < records.size(); i++) EncodedUsageSerializer.INSTANCE.copy(in, dst);

        org.apache.flink.runtime.io.disk.RandomAccessInputView back = new org.apache.flink.runtime.io.disk.RandomAccessInputView(to, page);
        for (int i = 0; i < records.size(); i++) assertEquals(records.get(i), EncodedUsageSerializer.INSTANCE.deserialize(back), "record " + i);
    }

    private static org.apache.flink.runtime.io.disk.SimpleCollectingOutputView pagedOutput(
            List<org.apache.flink.core.memory.MemorySegment> target, int page) {
        List<org.apache.flink.core.memory.MemorySegment> free = new ArrayList<>();
        for (int i = 0; i < 2000; i++) free.add(org.apache.flink.core.memory.MemorySegmentFactory.allocateUnpooledOffHeapMemory(page));
        return new org.apache.flink.runtime.io.disk.SimpleCollectingOutputView(target,
                new org.apache.flink.runtime.memory.ListMemorySegmentSource(free), page);
    }

    @Test
    void flinkPicksTheSerializerWhereverTheTypeAppears() {
        assertInstanceOf(EncodedUsageTypeInfo.class, TypeInformation.of(EncodedUsage.class));
        assertInstanceOf(EncodedUsageSerializer.class,
                TypeInformation.of(EncodedUsage.class).createSerializer(new SerializerConfigImpl()));
    }
}
