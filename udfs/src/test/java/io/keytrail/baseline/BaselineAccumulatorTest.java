package io.keytrail.baseline;

import io.keytrail.detect.DayClock;
import io.keytrail.model.Baseline;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.keytrail.Records.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BaselineAccumulatorTest {
    static final PricingTable PRICES = new PricingTable(Map.of("gpt-4", new double[] {0.03, 0.06}));

    static BaselineAccumulator acc(String profile) throws Exception {
        DetectionProfile p = DetectionProfile.load(profile);
        return new BaselineAccumulator(p, new DayClock(p), PRICES);
    }

    @Test
    void dailyStatisticsAreTheSeedsOverDaysWithRecords() throws Exception {
        BaselineAccumulator a = acc("reference");
        long seq = 0;
        int[] perDay = {10, 20, 30};
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < perDay[d]; i++) {
                a.add(rec("k", String.format("2026-01-0%dT10:%02d:00Z", d + 1, i), "m", "1.1.1.1", 0.5, seq++));
            }
        }
        Baseline b = a.finish("v1");
        assertEquals(20.0, b.avgDailyRequests);
        assertEquals(30.0, b.maxDailyRequests);
        assertEquals(10.0, b.stdDailyRequests, 0.0, "sample std of 10,20,30");
        assertEquals(10.0, b.avgDailyCost, 1e-12);
        assertEquals(15.0, b.maxDailyCost, 1e-12);
        assertEquals(3, b.daysObserved);
        assertEquals(List.of("m"), b.knownModels);
        assertEquals(List.of("1.1.1.1"), b.knownIps);
    }

    @Test
    void defaultCountsTheZeroDaysBetweenTheKeysFirstAndLastDay() throws Exception {
        BaselineAccumulator a = acc("default");
        long seq = 0;
        // 10 requests on Jan 1 and Jan 4: two zero days between them.
        for (int d : new int[] {1, 4}) {
            for (int i = 0; i < 10; i++) a.add(rec("k", String.format("2026-01-0%dT10:%02d:00Z", d, i), "m", "1.1.1.1", 0.5, seq++));
        }
        Baseline b = a.finish("v1");
        assertEquals(5.0, b.avgDailyRequests, 1e-12);
        assertEquals(Math.sqrt((25 + 25 + 25 + 25) / 3.0), b.stdDailyRequests, 1e-12, "sample std of 10,0,0,10");
        assertEquals(2.5, b.avgDailyCost, 1e-12);
        assertEquals(2, b.daysObserved, "days with records");
        BaselineAccumulator seed = acc("reference");
        seq = 0;
        for (int d : new int[] {1, 4}) {
            for (int i = 0; i < 10; i++) seed.add(rec("k", String.format("2026-01-0%dT10:%02d:00Z", d, i), "m", "1.1.1.1", 0.5, seq++));
        }
        assertEquals(10.0, seed.finish("v1").avgDailyRequests, "the seed averages over days with records");
    }

    @Test
    void stdIsZeroUnderTwoDaysAndActiveHoursNeedMoreThanOnePercent() throws Exception {
        BaselineAccumulator a = acc("reference");
        // 200 records on one day: hour 3 holds exactly 1% (not active), hour 4 holds 1.5% (active).
        long seq = 0;
        for (int i = 0; i < 2; i++) a.add(rec("k", "2026-01-01T03:00:0" + i + "Z", "m", null, 0, seq++));
        for (int i = 0; i < 3; i++) a.add(rec("k", "2026-01-01T04:00:0" + i + "Z", "m", "", 0, seq++));
        for (int i = 0; i < 195; i++) a.add(rec("k", "2026-01-01T12:00:00Z", "m", null, 0, seq++));
        Baseline b = a.finish("v1");
        assertEquals(0.0, b.stdDailyRequests);
        assertEquals(List.of(4, 12), b.activeHours);
        assertEquals(List.of(), b.knownIps, "null and empty IPs are not known IPs");
    }

    @Test
    void referenceTakesHoursAndDaysAsWrittenDefaultInUtc() throws Exception {
        UsageRecord r = rec("k", "2026-01-02T03:30:00Z", "m", null, 0, 0);
        r.offsetSeconds = -5 * 3600; // written as 2026-01-01T22:30:00-05:00
        BaselineAccumulator ref = acc("reference");
        ref.add(r);
        assertEquals(List.of(22), ref.finish("v").activeHours);
        BaselineAccumulator def = acc("default");
        def.add(r);
        assertEquals(List.of(3), def.finish("v").activeHours);
    }

    @Test
    void missingCostIsZeroInReferenceAndPricedInDefault() throws Exception {
        UsageRecord r = rec("k", "2026-01-01T10:00:00Z", "gpt-4", null, Double.NaN, 0);
        r.inputTokens = 1000;
        r.outputTokens = 1000;
        BaselineAccumulator ref = acc("reference");
        ref.add(r);
        assertEquals(0.0, ref.finish("v").avgDailyCost);
        BaselineAccumulator def = acc("default");
        def.add(r);
        assertEquals(0.09, def.finish("v").avgDailyCost, 1e-12);
    }

    @Test
    void defaultCountsRequestCountReferenceCountsRows() throws Exception {
        UsageRecord r = rec("k", "2026-01-01T10:00:00Z", "m", null, 0, 0);
        r.requestCount = 40;
        BaselineAccumulator ref = acc("reference");
        ref.add(r);
        assertEquals(1.0, ref.finish("v").avgDailyRequests);
        BaselineAccumulator def = acc("default");
        def.add(r);
        assertEquals(40.0, def.finish("v").avgDailyRequests);
    }
}
