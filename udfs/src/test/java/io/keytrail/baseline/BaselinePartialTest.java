package io.keytrail.baseline;

import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.flink.types.BaselinePartialSerializer;
import io.keytrail.flink.types.UsageRecordSerializer;
import io.keytrail.model.Baseline;
import io.keytrail.model.UsageRecord;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Folding a key's history into partials per stretch of a file and merging them in input order gives,
 * to the last bit, the baseline of adding the records one by one: days crossing file boundaries, costs
 * whose sum depends on their order, missing costs, weights, more endpoints than the cap, offsets.
 */
class BaselinePartialTest {
    static List<UsageRecord> history(long seed) {
        return history(seed, 600_000_000L, false);
    }

    /**
     * {@code maxStepMicros} sets how many days a stretch spans (the default about 5; 12,000 s steps
     * make it about 100, past the builder's linear day search); {@code jumbled} swaps neighbouring
     * records, so a stretch goes back to days it has seen.
     */
    static List<UsageRecord> history(long seed, long maxStepMicros, boolean jumbled) {
        Random rnd = new Random(seed);
        List<UsageRecord> out = new ArrayList<>();
        long t = 1_767_225_600_000_000L; // 2026-01-01T00:00Z
        for (int i = 0; i < 20_000; i++) {
            t += (long) (rnd.nextDouble() * maxStepMicros);
            UsageRecord r = new UsageRecord();
            r.apiKeyId = "key_" + rnd.nextInt(4);
            if (r.apiKeyId.equals("key_3")) r.apiKeyFingerprint = "fp3";
            r.tsMicros = t;
            r.offsetSeconds = rnd.nextInt(10) == 0 ? -5 * 3600 : 0;
            r.model = "m" + rnd.nextInt(rnd.nextInt(100) == 0 ? 40 : 3);
            r.sourceIp = rnd.nextInt(20) == 0 ? (rnd.nextBoolean() ? null : "") : "10.0.0." + rnd.nextInt(30);
            r.endpoint = "/v1/e" + rnd.nextInt(i < 10_000 ? 5 : 400);
            r.costUsd = rnd.nextInt(15) == 0 ? Double.NaN : rnd.nextDouble() * Math.pow(10, rnd.nextInt(7) - 3);
            r.inputTokens = rnd.nextInt(3000);
            r.outputTokens = rnd.nextInt(3000);
            r.provider = rnd.nextInt(7) == 0 ? null : "openai";
            r.requestCount = 1 + rnd.nextInt(3);
            // More distinct agents than the cap late in the history: which ones are kept depends on order.
            r.userAgent = rnd.nextInt(10) == 0 ? null : "agent/" + rnd.nextInt(i < 10_000 ? 3 : 300);
            // 7 files; each is flushed in two stretches, as a reader handing over a file in pieces would.
            int file = i / 3000;
            r.seq = UsageRecord.seqOf(file, i % 3000);
            out.add(r);
        }
        if (jumbled) {
            for (int i = 1; i < out.size(); i += 2) {
                if (rnd.nextBoolean()) {
                    UsageRecord a = out.get(i - 1), b = out.get(i);
                    long seq = a.seq;
                    a.seq = b.seq;
                    b.seq = seq;
                    out.set(i - 1, b);
                    out.set(i, a);
                }
            }
        }
        return out;
    }

    static Map<String, Baseline> oneByOne(List<UsageRecord> records, DetectionProfile p) {
        Map<String, BaselineAccumulator> acc = new LinkedHashMap<>();
        for (UsageRecord r : records) {
            acc.computeIfAbsent(r.groupKey(), k -> new BaselineAccumulator(p, new DayClock(p), BaselineAccumulatorTest.PRICES)).add(r);
        }
        Map<String, Baseline> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, a.finish("v")));
        return out;
    }

    static Map<String, Baseline> viaPartials(List<UsageRecord> records, DetectionProfile p) {
        return mergedInInputOrder(partials(records, p), p);
    }

    /** Each key's partials, one per stretch (two per file), as {@link BaselinePartials} would emit them. */
    static List<BaselinePartial> partials(List<UsageRecord> records, DetectionProfile p) {
        DayClock clock = new DayClock(p);
        CostModel cost = new CostModel(p, BaselineAccumulatorTest.PRICES);
        List<BaselinePartial> partials = new ArrayList<>();
        Map<String, BaselinePartial.Builder> open = new LinkedHashMap<>();
        long stretch = -1;
        for (UsageRecord r : records) {
            long s = (r.seq >>> 40) * 2 + ((r.seq & 0xFF_FFFF_FFFFL) < 1700 ? 0 : 1);
            if (s != stretch) {
                open.values().forEach(b -> partials.add(b.build()));
                open.clear();
                stretch = s;
            }
            open.computeIfAbsent(r.groupKey(), k -> new BaselinePartial.Builder(p, clock, cost)).add(r);
        }
        open.values().forEach(b -> partials.add(b.build()));
        return partials;
    }

    /** Partials merged as BaselineFunction merges them: in the shuffle's order, by key, then by first input position. */
    static Map<String, Baseline> mergedInInputOrder(List<BaselinePartial> partials, DetectionProfile p) {
        partials.sort(java.util.Comparator.comparing(BaselinePartial::groupKey).thenComparingLong(x -> x.firstSeq));
        Map<String, BaselineAccumulator> acc = new LinkedHashMap<>();
        for (BaselinePartial x : partials) {
            acc.computeIfAbsent(x.groupKey(), k -> new BaselineAccumulator(p, new DayClock(p), BaselineAccumulatorTest.PRICES)).merge(x);
        }
        Map<String, Baseline> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, a.finish("v")));
        return out;
    }

    static String bits(Baseline b) {
        return String.join(",", b.apiKeyId, String.valueOf(b.apiKeyFingerprint), String.valueOf(b.provider),
                Long.toHexString(Double.doubleToRawLongBits(b.avgDailyRequests)), Long.toHexString(Double.doubleToRawLongBits(b.maxDailyRequests)),
                Long.toHexString(Double.doubleToRawLongBits(b.stdDailyRequests)), Long.toHexString(Double.doubleToRawLongBits(b.avgDailyCost)),
                Long.toHexString(Double.doubleToRawLongBits(b.maxDailyCost)), b.knownModels.toString(), b.knownIps.toString(),
                b.knownEndpoints.toString(), b.activeHours.toString(), String.valueOf(b.windowStartMicros), String.valueOf(b.windowEndMicros),
                String.valueOf(b.daysObserved), String.valueOf(b.records), String.valueOf(b.requests),
                b.knownUserAgents.toString(), Long.toHexString(Double.doubleToRawLongBits(b.p99RequestTokens)));
    }

    @Test
    void mergingPartialsInInputOrderIsAddingTheRecordsOneByOne() throws Exception {
        for (String profile : List.of("reference", "default")) {
            DetectionProfile p = DetectionProfile.load(profile);
            for (long seed = 1; seed <= 3; seed++) {
                List<UsageRecord> h = history(seed);
                Map<String, Baseline> expected = oneByOne(h, p), actual = viaPartials(h, p);
                assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(actual.keySet()));
                for (String k : expected.keySet()) assertEquals(bits(expected.get(k)), bits(actual.get(k)), profile + " " + k);
            }
        }
    }

    @Test
    void partialsThatCrossTheShuffleMergeExactlyToo() throws Exception {
        DetectionProfile p = DetectionProfile.load("reference");
        List<UsageRecord> h = history(4, 12_000_000_000L, true);
        List<BaselinePartial> shuffled = new ArrayList<>();
        for (BaselinePartial x : partials(h, p)) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            BaselinePartialSerializer.INSTANCE.serialize(x, out);
            shuffled.add(BaselinePartialSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
        }
        assertTrue(shuffled.stream().anyMatch(x -> x.costs.length > 0), "some costs travel one by one");
        Map<String, Baseline> expected = oneByOne(h, p), actual = mergedInInputOrder(shuffled, p);
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) assertEquals(bits(expected.get(k)), bits(actual.get(k)), k);
    }

    @Test
    void stretchesSpanningManyDaysOutOfOrderMergeExactlyToo() throws Exception {
        DetectionProfile p = DetectionProfile.load("reference");
        for (long seed = 1; seed <= 3; seed++) {
            List<UsageRecord> h = history(seed, 12_000_000_000L, true);
            long days = h.stream().map(r -> r.tsMicros / 86_400_000_000L).distinct().count();
            assertTrue(days / 14 > 32, "a stretch spans more days than the linear search covers: " + days + " days in 14 stretches");
            Map<String, Baseline> expected = oneByOne(h, p), actual = viaPartials(h, p);
            assertEquals(expected.keySet(), actual.keySet());
            for (String k : expected.keySet()) assertEquals(bits(expected.get(k)), bits(actual.get(k)), k);
        }
    }

    /**
     * As the sweep folds: one partial per key and file, each file summing the days it owns. The owners
     * come from each file's true day range (as a footer's timestamp statistics give it), computed here
     * from the records; {@code unknown} files have none, and {@code fileOrder} permutes which file index
     * each block of records gets, so that files are not in time order.
     */
    static Map<String, Baseline> viaOwnedDays(List<UsageRecord> records, DetectionProfile p, int[] fileOrder,
                                              Set<Integer> unknown, int[] owned) {
        DayClock clock = new DayClock(p);
        List<UsageRecord> renumbered = renumberedInOrder(records, fileOrder);
        List<long[]> ranges = new ArrayList<>();
        for (int f = 0; f < fileOrder.length; f++) ranges.add(null);
        for (UsageRecord r : renumbered) {
            int f = (int) (r.seq >>> 40);
            if (unknown.contains(f)) continue;
            long d = clock.epochDay(r.tsMicros, r.offsetSeconds);
            long[] g = ranges.get(f);
            if (g == null) ranges.set(f, new long[] {d, d});
            else ranges.set(f, new long[] {Math.min(g[0], d), Math.max(g[1], d)});
        }
        CostDayOwners owners = CostDayOwners.of(ranges);
        return foldPerFile(renumbered, p, f -> owners, x -> {
            for (int c : x.dayCostCounts) if (c == 0) owned[0]++;
        });
    }

    @Test
    void daysSummedInTheFilesThatOwnThemMergeExactly() throws Exception {
        int[] inOrder = {0, 1, 2, 3, 4, 5, 6}, shuffled = {3, 0, 6, 1, 5, 2, 4};
        for (String profile : List.of("reference", "default")) {
            DetectionProfile p = DetectionProfile.load(profile);
            for (long seed = 1; seed <= 3; seed++) {
                List<UsageRecord> h = history(seed);
                Map<String, Baseline> expected = oneByOne(h, p);
                for (int[] order : List.of(inOrder, shuffled)) {
                    for (Set<Integer> unknown : List.of(Set.<Integer>of(), Set.of(2), Set.of(0))) {
                        // One-by-one in the renumbered file order is the seed's order for that listing.
                        int[] owned = {0};
                        Map<String, Baseline> actual = viaOwnedDays(h, p, order, unknown, owned);
                        Map<String, Baseline> want = order == inOrder ? expected : oneByOne(renumberedInOrder(h, order), p);
                        assertEquals(want.keySet(), actual.keySet());
                        for (String k : want.keySet()) {
                            assertEquals(bits(want.get(k)), bits(actual.get(k)), profile + " " + k + " " + unknown + " " + Arrays.toString(order));
                        }
                        assertTrue(owned[0] > 20, "some days were summed in their files: " + owned[0]);
                    }
                }
            }
        }
    }

    @Test
    void aDayThatAnEarlierFileAlsoHoldsIsNotSummedAndSummingItWouldShow() throws Exception {
        // One key, one day, two files: 1e16 in the first, 1.0 twice in the second. Added one by one, each
        // 1.0 is lost to rounding (1e16 + 1 rounds to 1e16); summed in the second file first, they are not.
        DetectionProfile p = DetectionProfile.load("reference");
        List<UsageRecord> h = new ArrayList<>();
        double[] costs = {1e16, 1.0, 1.0};
        for (int i = 0; i < costs.length; i++) {
            UsageRecord r = new UsageRecord();
            r.apiKeyId = "key_0";
            r.tsMicros = 1_767_225_600_000_000L + i * 1_000_000L;
            r.model = "m";
            r.costUsd = costs[i];
            r.seq = UsageRecord.seqOf(i == 0 ? 0 : 1, i);
            h.add(r);
        }
        String expected = bits(oneByOne(h, p).get("key_0"));
        long day = new DayClock(p).epochDay(h.get(0).tsMicros, 0);
        CostDayOwners fromRanges = CostDayOwners.of(List.of(new long[] {day, day}, new long[] {day, day}));
        assertEquals(expected, bits(foldPerFile(h, p, f -> fromRanges, x -> { }).get("key_0")));
        assertNotEquals(expected, bits(foldPerFile(h, p, BaselinePartialTest::unknownFrom, x -> { }).get("key_0")),
                "owners that let the second file sum the shared day change the baseline");
    }

    /**
     * As the sweep folds records in input order (files in index order, each file's records in their
     * order): one partial per key and file, each file's builder with {@code owners.apply(file)}, every
     * partial shown to {@code seen}, then merged in input order.
     */
    private static Map<String, Baseline> foldPerFile(List<UsageRecord> h, DetectionProfile p,
                                                     java.util.function.IntFunction<CostDayOwners> owners,
                                                     java.util.function.Consumer<BaselinePartial> seen) {
        DayClock clock = new DayClock(p);
        CostModel cost = new CostModel(p, BaselineAccumulatorTest.PRICES);
        List<BaselinePartial> partials = new ArrayList<>();
        Map<String, BaselinePartial.Builder> open = new LinkedHashMap<>();
        long file = -1;
        for (UsageRecord r : h) {
            long f = r.seq >>> 40;
            if (f != file) {
                open.values().forEach(b -> partials.add(b.build()));
                open.clear();
                file = f;
            }
            final int fi = (int) f;
            open.computeIfAbsent(r.groupKey(), k -> new BaselinePartial.Builder(p, clock, cost, owners.apply(fi), fi)).add(r);
        }
        open.values().forEach(b -> partials.add(b.build()));
        partials.forEach(seen);
        return mergedInInputOrder(partials, p);
    }

    /** Owners under which file {@code f} owns every day it holds (the files before it hold a far-away day only). */
    private static CostDayOwners unknownFrom(int f) {
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < f; i++) ranges.add(new long[] {-10, -10});
        ranges.add(null);
        return CostDayOwners.of(ranges);
    }

    private static List<UsageRecord> renumberedInOrder(List<UsageRecord> h, int[] order) {
        List<UsageRecord> out = new ArrayList<>();
        for (UsageRecord r : h) {
            UsageRecord c = UsageRecordSerializer.INSTANCE.copy(r);
            c.seq = UsageRecord.seqOf(order[(int) (r.seq >>> 40)], r.seq & 0xFF_FFFF_FFFFL);
            out.add(c);
        }
        out.sort(java.util.Comparator.comparingLong(r -> r.seq));
        return out;
    }

    @Test
    void theCostSumsDependOnOrderSoTheTestCanFail() throws Exception {
        // The data is such that summing a day's costs in another order changes the bits: merging per-stretch
        // sums instead of the costs one by one would be caught above.
        List<UsageRecord> h = history(1);
        double inOrder = 0, reversed = 0;
        for (UsageRecord r : h) if (!Double.isNaN(r.costUsd)) inOrder += r.costUsd;
        for (int i = h.size() - 1; i >= 0; i--) if (!Double.isNaN(h.get(i).costUsd)) reversed += h.get(i).costUsd;
        assertNotEquals(Double.doubleToRawLongBits(inOrder), Double.doubleToRawLongBits(reversed));
    }
}
