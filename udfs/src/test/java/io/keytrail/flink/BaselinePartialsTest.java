package io.keytrail.flink;

import io.keytrail.Records;
import io.keytrail.baseline.BaselinePartial;
import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The history fold gives each key of each file one partial, equal to folding that key's records alone,
 * also when keys share a slot of its reference-compared front or a key comes as two equal instances.
 */
class BaselinePartialsTest {
    private static final PricingTable PRICING = new PricingTable(Map.of());
    private static DetectionProfile PROFILE;

    @BeforeAll
    static void profile() throws Exception {
        PROFILE = DetectionProfile.load("reference");
    }

    @Test
    void keysSharingAFrontSlotOrInstancesFoldAsIfAlone() throws Exception {
        // "Aa" and "BB" have the same String hash, so the same slot of the front; "Aa" also comes as a second instance.
        String aa = "Aa", bb = "BB", aaAgain = new String("Aa");
        assertEquals(aa.hashCode(), bb.hashCode());
        String[] pattern = {aa, bb, aa, aaAgain, bb, bb, aaAgain, aa, "Cc", bb};
        List<UsageRecord> records = new ArrayList<>();
        for (int file = 0; file < 2; file++) {
            for (int i = 0; i < 40; i++) {
                String key = pattern[(i + file) % pattern.length];
                UsageRecord r = Records.rec(key, String.format("2026-01-%02dT%02d:15:00Z", 1 + i % 5, i % 24),
                        "gpt-4o" + (i % 3), "10.0.0." + (i % 7), 0.01 * (i + 1), ((long) file << 40) | i);
                r.inputTokens = 100 + 37L * i;
                records.add(r);
            }
        }

        OneInputStreamOperatorTestHarness<UsageRecord, BaselinePartial> h =
                new OneInputStreamOperatorTestHarness<>(new BaselinePartials(PROFILE, PRICING));
        h.open();
        for (UsageRecord r : records) h.processElement(new StreamRecord<>(r));
        h.endInput();
        List<String> got = new ArrayList<>();
        for (BaselinePartial p : h.extractOutputValues()) got.add(describe(p));
        h.close();

        assertEquals(expected(records), got);
    }

    /** One builder per key (by value) and file, keys in first-seen order, each fed only its own records. */
    private static List<String> expected(List<UsageRecord> records) throws Exception {
        List<String> out = new ArrayList<>();
        DayClock clock = new DayClock(PROFILE);
        CostModel cost = new CostModel(PROFILE, PRICING);
        Map<String, BaselinePartial.Builder> byKey = new LinkedHashMap<>();
        long file = 0;
        for (UsageRecord r : records) {
            if ((r.seq >>> 40) != file) {
                for (BaselinePartial.Builder b : byKey.values()) out.add(describe(b.build()));
                byKey.clear();
                file = r.seq >>> 40;
            }
            byKey.computeIfAbsent(r.groupKey(), k -> new BaselinePartial.Builder(PROFILE, clock, cost)).add(r);
        }
        for (BaselinePartial.Builder b : byKey.values()) out.add(describe(b.build()));
        return out;
    }

    private static String describe(BaselinePartial p) throws IllegalAccessException {
        StringBuilder s = new StringBuilder();
        for (Field f : BaselinePartial.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            Object v = f.get(p);
            String text = v instanceof long[] ? Arrays.toString((long[]) v)
                    : v instanceof int[] ? Arrays.toString((int[]) v)
                    : v instanceof double[] ? Arrays.toString((double[]) v)
                    : v instanceof Object[] ? Arrays.toString((Object[]) v) : String.valueOf(v);
            s.append(f.getName()).append('=').append(text).append(' ');
        }
        return s.toString();
    }
}
