package io.keytrail.baseline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostDayOwnersTest {
    @Test
    void aDayBelongsToTheFirstFileWhoseRangeHoldsIt() {
        // Files 0: days 10-12, 1: 12-14, 2: 11-11, 3: 20-21.
        CostDayOwners o = CostDayOwners.of(Arrays.asList(new long[] {10, 12}, new long[] {12, 14}, new long[] {11, 11}, new long[] {20, 21}));
        for (long d = 10; d <= 12; d++) assertTrue(o.owns(0, d), "file 0 day " + d);
        assertFalse(o.owns(1, 12), "day 12 is file 0's");
        assertTrue(o.owns(1, 13));
        assertTrue(o.owns(1, 14));
        assertFalse(o.owns(2, 11), "day 11 is file 0's");
        assertTrue(o.owns(3, 20));
        // A day outside every range (a footer that did not cover it) belongs to no file.
        for (int f = 0; f < 4; f++) assertFalse(o.owns(f, 15));
    }

    @Test
    void aFileOfUnknownRangeMayHoldAnyDaySoLaterFilesOwnNothingNew() {
        CostDayOwners o = CostDayOwners.of(Arrays.asList(new long[] {10, 11}, null, new long[] {11, 13}, new long[] {30, 30}));
        assertTrue(o.owns(0, 10));
        assertTrue(o.owns(1, 12), "the unknown file owns the days no earlier file holds");
        assertFalse(o.owns(1, 11));
        assertFalse(o.owns(2, 12));
        assertFalse(o.owns(2, 13));
        assertFalse(o.owns(3, 30));
    }

    @Test
    void noneOwnsNothingAndAStrayRangeCountsAsUnknown() {
        for (int f = -1; f < 3; f++) assertFalse(CostDayOwners.none().owns(f, 5));
        CostDayOwners o = CostDayOwners.of(List.of(new long[] {-700_000, 2_900_000}, new long[] {5, 5}));
        assertTrue(o.owns(0, 5), "a range of thousands of years is unknown: file 0 may hold any day");
        assertFalse(o.owns(1, 5));
        // The widest range still known, and one day wider.
        long max = CostDayOwners.MAX_RANGE_DAYS;
        CostDayOwners widest = CostDayOwners.of(List.of(new long[] {0, max}, new long[] {max + 1, max + 1}));
        assertTrue(widest.owns(1, max + 1), "file 0's range is known, so the day after it is file 1's");
        CostDayOwners wider = CostDayOwners.of(List.of(new long[] {0, max + 1}, new long[] {max + 2, max + 2}));
        assertFalse(wider.owns(1, max + 2), "file 0's range is too wide to be known: it may hold any day");
        assertThrows(IllegalArgumentException.class, () -> CostDayOwners.of(List.<long[]>of(new long[] {5, 4})));
    }
}
