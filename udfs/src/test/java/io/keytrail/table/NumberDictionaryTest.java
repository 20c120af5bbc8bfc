package io.keytrail.table;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberDictionaryTest {
    /** Ids in first-seen order, as an independent map assigns them; values chosen to collide in a small table. */
    @Test
    void idsFollowFirstSeenOrderAcrossRebuilds() {
        Random rnd = new Random(3);
        NumberDictionary d = new NumberDictionary();
        long[] specials = {0L, Double.doubleToLongBits(-0.0), Long.MIN_VALUE, Long.MAX_VALUE, -1L, 64L, 128L, 1L << 40};
        for (int round = 0; round < 5; round++) {
            int n = 50_000;
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = rnd.nextInt(4) == 0 ? specials[rnd.nextInt(specials.length)] : (long) rnd.nextInt(2_000 + round * 500) << (round * 7);
            }
            assertTrue(d.build(values, n, 8, 1 << 20));
            Map<Long, Integer> want = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int id = want.computeIfAbsent(values[i], v -> want.size());
                assertEquals(id, d.ids[i], "value " + i + " of round " + round);
            }
            assertEquals(want.size(), d.size());
            for (Map.Entry<Long, Integer> e : want.entrySet()) assertEquals((long) e.getKey(), d.entry(e.getValue()));
        }
    }

    @Test
    void givenUpWhenTooLargeOrNotSmaller() {
        NumberDictionary d = new NumberDictionary();
        long[] distinct = new long[10_000];
        for (int i = 0; i < distinct.length; i++) distinct[i] = i * 7919L;
        // All distinct: the ids and the dictionary would be larger than the values themselves.
        assertFalse(d.build(distinct, distinct.length, 8, 1 << 20));
        // Fits the limit and pays: few distinct values.
        long[] few = new long[10_000];
        for (int i = 0; i < few.length; i++) few[i] = i % 10;
        assertTrue(d.build(few, few.length, 4, 1 << 20));
        assertEquals(10, d.size());
        // More entries than the byte limit allows.
        assertFalse(d.build(distinct, distinct.length, 8, 8 * 100));
        // One value: width 0, still smaller than the values.
        assertTrue(d.build(new long[] {5, 5, 5, 5}, 4, 8, 1 << 20));
        assertEquals(1, d.size());
    }
}
