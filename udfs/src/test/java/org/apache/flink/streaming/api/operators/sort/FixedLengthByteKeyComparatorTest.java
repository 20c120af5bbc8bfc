package org.apache.flink.streaming.api.operators.sort;

import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.runtime.operators.sort.NormalizedKeySorter;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.runtime.operators.sort.QuickSort;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.MutableObjectIterator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KeyTrail's replacement of Flink's BATCH sort comparator: Flink's own sorter, given it, orders entries
 * by key (signed bytes) and timestamp exactly as an independent comparison does, from the normalized
 * key alone.
 */
class FixedLengthByteKeyComparatorTest {
    private static final int KEY_LENGTH = 8;
    private static final long[] EDGE_TIMESTAMPS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -86_400_000L, -256, -1, 0, 1, 255,
            256, 65_535, 65_536, 1_700_000_000_000L, 1_700_000_000_001L, 1_700_000_000_256L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    /** A tripwire for upgrades: the replacement mirrors Flink 2.2.0's class, which a new Flink may change. */
    @Test
    void writtenForTheFlinkOnTheClassPath() {
        assertEquals("2.2.0", EnvironmentInformation.getVersion(),
                "FixedLengthByteKeyComparator replaces Flink 2.2.0's class: compare it with the new Flink's before moving this");
    }

    /** A local run must load this class, not Flink's: the test class path lists the module's classes first. */
    @Test
    void thisModulesClassIsTheOneLoaded() {
        String where = FixedLengthByteKeyComparator.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(where.contains("flink-runtime"), where);
    }

    @Test
    void theNormalizedKeyHoldsKeyAndTimestampWithinTheSortersAllowance() {
        FixedLengthByteKeyComparator<Integer> c = new FixedLengthByteKeyComparator<>(KEY_LENGTH);
        assertEquals(KEY_LENGTH + 8, c.getNormalizeKeyLen());
        assertFalse(c.isNormalizedKeyPrefixOnly(KEY_LENGTH + 8));
        assertTrue(c.isNormalizedKeyPrefixOnly(KEY_LENGTH + 7));
        // NormalizedKeySorter keeps at most 8 normalized-key bytes per flat comparator.
        int flat = c.getFlatComparators().length;
        assertTrue(8 * flat >= KEY_LENGTH + 8);
        // Flink's large-record path extracts as many keys as there are flat comparators.
        Object[] keys = new Object[flat + 1];
        Tuple2<byte[], StreamRecord<Integer>> entry = Tuple2.of(new byte[KEY_LENGTH], new StreamRecord<>(1, 2L));
        assertEquals(flat, c.extractKeys(entry, keys, 1));
        for (int i = 1; i <= flat; i++) assertSame(entry, keys[i]);
    }

    @Test
    void flinksSorterOrdersByKeyThenTimestamp() throws Exception {
        Random rnd = new Random(20261206);
        List<byte[]> keys = new ArrayList<>();
        // Bytes either side of the sign boundary, and keys that differ only in their last byte.
        keys.add(new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
        keys.add(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        keys.add(new byte[] {-128, 0, 0, 0, 0, 0, 0, 0});
        keys.add(new byte[] {127, 0, 0, 0, 0, 0, 0, 0});
        keys.add(new byte[] {1, 2, 3, 4, 5, 6, 7, -128});
        keys.add(new byte[] {1, 2, 3, 4, 5, 6, 7, 127});
        for (int i = 0; i < 40; i++) {
            byte[] k = new byte[KEY_LENGTH];
            rnd.nextBytes(k);
            keys.add(k);
        }
        List<Tuple2<byte[], StreamRecord<Integer>>> entries = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] key = keys.get(rnd.nextInt(keys.size())).clone();
            long ts;
            switch (rnd.nextInt(4)) {
                case 0: ts = EDGE_TIMESTAMPS[rnd.nextInt(EDGE_TIMESTAMPS.length)]; break;
                case 1: ts = rnd.nextLong(); break;
                case 2: ts = 1_700_000_000_000L + rnd.nextInt(100_000); break;
                default: ts = -rnd.nextInt(1_000_000); break;
            }
            entries.add(Tuple2.of(key, new StreamRecord<>(i, ts)));
        }

        FixedLengthByteKeyComparator<Integer> comparator = new FixedLengthByteKeyComparator<>(KEY_LENGTH);
        List<MemorySegment> memory = new ArrayList<>();
        for (int i = 0; i < 64; i++) memory.add(MemorySegmentFactory.allocateUnpooledSegment(32 * 1024));
        NormalizedKeySorter<Tuple2<byte[], StreamRecord<Integer>>> sorter =
                new NormalizedKeySorter<>(new KeyAndValueSerializer<>(IntSerializer.INSTANCE, KEY_LENGTH), comparator, memory);
        for (Tuple2<byte[], StreamRecord<Integer>> e : entries) assertTrue(sorter.write(e), "the test's memory holds every entry");
        new QuickSort().sort(sorter);

        List<String> sorted = new ArrayList<>();
        MutableObjectIterator<Tuple2<byte[], StreamRecord<Integer>>> it = sorter.getIterator();
        for (Tuple2<byte[], StreamRecord<Integer>> e = it.next(); e != null; e = it.next()) sorted.add(describe(e));

        entries.sort(Comparator.comparing((Tuple2<byte[], StreamRecord<Integer>> e) -> e.f0, FixedLengthByteKeyComparatorTest::signedBytes)
                .thenComparingLong(e -> e.f1.getTimestamp()));
        List<String> expected = new ArrayList<>();
        for (Tuple2<byte[], StreamRecord<Integer>> e : entries) expected.add(describe(e));
        assertEquals(expected, sorted);
    }

    @Test
    void comparisonsOfEntriesAgreeWithTheIndependentOrder() {
        FixedLengthByteKeyComparator<Integer> c = new FixedLengthByteKeyComparator<>(KEY_LENGTH);
        FixedLengthByteKeyComparator<Integer> ref = new FixedLengthByteKeyComparator<>(KEY_LENGTH);
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Tuple2<byte[], StreamRecord<Integer>> a = entry(rnd), b = entry(rnd);
            int expected = Integer.signum(signedBytes(a.f0, b.f0) != 0 ? signedBytes(a.f0, b.f0)
                    : Long.compare(a.f1.getTimestamp(), b.f1.getTimestamp()));
            assertEquals(expected, Integer.signum(c.compare(a, b)));
            // compareToReference compares the other's reference with this one's, as Flink's does.
            c.setReference(b);
            ref.setReference(a);
            assertEquals(expected, Integer.signum(c.compareToReference(ref)));
            assertEquals(expected == 0, c.equalToReference(a));
        }
    }

    private static Tuple2<byte[], StreamRecord<Integer>> entry(Random rnd) {
        byte[] key = new byte[KEY_LENGTH];
        key[rnd.nextInt(KEY_LENGTH)] = (byte) rnd.nextInt(3);
        long ts = EDGE_TIMESTAMPS[rnd.nextInt(EDGE_TIMESTAMPS.length)];
        return Tuple2.of(key, new StreamRecord<>(0, ts));
    }

    private static int signedBytes(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) return Byte.compare(a[i], b[i]);
        }
        return 0;
    }

    private static String describe(Tuple2<byte[], StreamRecord<Integer>> e) {
        return java.util.Arrays.toString(e.f0) + "@" + e.f1.getTimestamp();
    }
}
