package io.keytrail.flink;

import io.keytrail.detect.KeyDetectorTest;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.KeyHash;
import io.keytrail.model.UsageRecord;
import io.keytrail.flink.types.EncodedUsage;
import io.keytrail.flink.types.UsageCodec;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.keytrail.Records.micros;
import static io.keytrail.Records.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The keyed function in both modes: same alerts for the same records, and no state or timers left. */
class DetectionFunctionHarnessTest {
    static final KeySelector<Baseline, Long> BK = b -> KeyHash.of(b.groupKey());
    static final KeySelector<EncodedUsage, Long> UK = e -> e.keyHash;

    /** Feeds a record as the pipeline does: encoded, stamped with its millisecond. */
    static void usage(KeyedTwoInputStreamOperatorTestHarness<Long, Baseline, EncodedUsage, Alert> h, UsageRecord r) throws Exception {
        h.processElement2(new UsageCodec().encode(r), r.tsMicros / 1000);
    }

    static KeyedTwoInputStreamOperatorTestHarness<Long, Baseline, EncodedUsage, Alert> harness(boolean batch) throws Exception {
        // The stream command's default out-of-orderness, 30 minutes.
        DetectionFunction fn = new DetectionFunction(DetectionProfile.load("reference"), new PricingTable(Map.of()), batch,
                io.keytrail.investigate.OrgSettings.empty(), io.keytrail.investigate.GivenStarts.analystOnly(Map.of()), 30 * 60_000L);
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(fn), BK, UK, Types.LONG);
        h.open();
        return h;
    }

    /** Day 1: unknown model, an unknown IP, 4 off-hours records; day 2 one ordinary record. */
    static List<UsageRecord> records() {
        return List.of(
                rec("k", "2026-01-01T03:00:00Z", "gpt-4", "6.6.6.6", 0, 3),
                rec("k", "2026-01-01T03:00:00Z", "gpt-4o", "10.0.0.1", 0, 1),
                rec("k", "2026-01-01T03:10:00Z", "gpt-4o", "10.0.0.1", 0, 5),
                rec("k", "2026-01-01T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 6),
                rec("k", "2026-01-02T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 7));
    }

    static List<String> summary(List<Alert> alerts) {
        return alerts.stream().map(a -> a.day + " " + a.alertType + " " + a.subject + " " + a.severity + " r" + a.revision
                + " @" + a.detectedAtMicros).sorted().toList();
    }

    @Test
    void streamingBuffersUntilTheWatermarkThenClearsEverything() throws Exception {
        var h = harness(false);
        Baseline b = KeyDetectorTest.baseline();
        h.processElement1(b, Long.MIN_VALUE);
        for (UsageRecord r : records()) usage(h, r);
        assertEquals(0, h.extractOutputValues().size(), "nothing fires before the watermark passes");
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(micros("2026-01-01T12:00:00Z") / 1000));
        List<Alert> first = h.extractOutputValues();
        assertEquals(List.of("unknown_model", "unknown_source_ip"), first.stream().map(a -> a.alertType).sorted().toList());
        // The tie at 03:00 is resolved by input position: seq 1 (known IP) comes before seq 3.
        assertEquals(micros("2026-01-01T03:00:00Z"), first.get(0).detectedAtMicros);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        List<Alert> all = h.extractOutputValues();
        assertEquals(3, all.size());
        assertEquals(0, h.numEventTimeTimers(), "all timers fired");
        // The unknown model (high) opened an incident: the baseline, the incident and the key's progress
        // (processed and newest received) stay.
        assertEquals(4, h.numKeyedStateEntries());

        var batch = harness(true);
        batch.processElement1(b, Long.MIN_VALUE);
        List<UsageRecord> sorted = records().stream().sorted(java.util.Comparator.comparingLong(r -> r.tsMicros)).toList();
        for (UsageRecord r : sorted) usage(batch, r);
        batch.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        assertEquals(summary(all), summary(batch.extractOutputValues()), "BATCH and STREAMING agree");
        assertEquals(0, batch.numEventTimeTimers());
        assertEquals(0, batch.numKeyedStateEntries(), "BATCH clears the key's state at its end");
    }

    @Test
    void streamingDropsAKeysDayStateOnceItsDaysClose() throws Exception {
        var h = harness(false);
        h.processElement1(KeyDetectorTest.baseline(), Long.MIN_VALUE);
        UsageRecord r = rec("k", "2026-01-01T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 1);
        usage(h, r);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        assertEquals(0, h.extractOutputValues().size());
        assertEquals(3, h.numKeyedStateEntries(), "only the baseline and the key's progress (processed, newest received) stay");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void lateRecordsStayLateAfterARestoreResetsTheWatermark() throws Exception {
        var h = harness(false);
        h.processElement1(KeyDetectorTest.baseline(), Long.MIN_VALUE);
        UsageRecord r = rec("k", "2026-01-03T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 1);
        usage(h, r);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(micros("2026-01-03T12:00:00Z") / 1000));
        var snapshot = h.snapshot(1, 1);
        h.close();
        DetectionFunction fn = new DetectionFunction(DetectionProfile.load("reference"), new PricingTable(Map.of()), false);
        var restored = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(fn), BK, UK, Types.LONG);
        restored.initializeState(snapshot);
        restored.open();
        // The watermark starts again from nothing after a restore; the key's own progress does not.
        UsageRecord old = rec("k", "2026-01-02T10:00:00Z", "gpt-4", "6.6.6.6", 0, 2);
        usage(restored, old);
        restored.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        assertEquals(1, restored.getSideOutput(DetectionFunction.LATE).size());
        assertEquals(0, restored.extractOutputValues().size());
    }

    @Test
    void aNewBaselineSnapshotAppliesFromTheKeysNextDay() throws Exception {
        var h = harness(false);
        Baseline a = KeyDetectorTest.baseline();
        a.baselineVersion = "bl-a";
        a.windowEndMicros = micros("2025-12-31T00:00:00Z");
        h.processElement1(a, Long.MIN_VALUE);
        UsageRecord first = rec("k", "2026-01-01T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 1);
        usage(h, first);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(micros("2026-01-01T11:00:00Z") / 1000));
        // The refresh arrives mid-day: it knows no models at all, so every model would be new under it.
        Baseline b = KeyDetectorTest.baseline();
        b.baselineVersion = "bl-b";
        b.windowEndMicros = micros("2026-01-01T00:00:00Z");
        b.knownModels = List.of("something-else");
        h.processElement1(b, Long.MIN_VALUE);
        Baseline older = KeyDetectorTest.baseline();
        older.baselineVersion = "bl-old";
        older.windowEndMicros = micros("2025-06-01T00:00:00Z");
        h.processElement1(older, Long.MIN_VALUE);
        UsageRecord sameDay = rec("k", "2026-01-01T14:00:00Z", "gpt-4o", "10.0.0.1", 0, 2);
        UsageRecord nextDay = rec("k", "2026-01-02T09:00:00Z", "gpt-4o", "10.0.0.1", 0, 3);
        usage(h, sameDay);
        usage(h, nextDay);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        List<Alert> alerts = h.extractOutputValues().stream().filter(x -> x.alertType.equals("unknown_model")).toList();
        assertEquals(1, alerts.size(), "gpt-4o is known to the old baseline on its day, unknown to the new one the next day");
        assertEquals("2026-01-02", alerts.get(0).day);
        assertEquals("bl-b", alerts.get(0).baselineVersion);
    }

    @Test
    void streamingSendsRecordsBehindTheWatermarkToLate() throws Exception {
        var h = harness(false);
        h.processElement1(KeyDetectorTest.baseline(), Long.MIN_VALUE);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(micros("2026-01-05T00:00:00Z") / 1000));
        UsageRecord late = rec("k", "2026-01-01T03:00:00Z", "gpt-4", "6.6.6.6", 0, 1);
        usage(h, late);
        assertEquals(1, h.getSideOutput(DetectionFunction.LATE).size());
        assertEquals(0, h.extractOutputValues().size());
    }

    @Test
    void aRecordFarBehindItsKeysNewestIsLateBeforeTheWatermarkGetsThere() throws Exception {
        DetectionFunction fn = new DetectionFunction(DetectionProfile.load("reference"), new PricingTable(Map.of()), false,
                io.keytrail.investigate.OrgSettings.empty(), io.keytrail.investigate.GivenStarts.analystOnly(Map.of()),
                30 * 60_000L);
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(fn), BK, UK, Types.LONG);
        h.open();
        h.processElement1(KeyDetectorTest.baseline(), Long.MIN_VALUE);
        // No watermark yet (another partition may lag); the key's own order is enough to judge lateness.
        UsageRecord newest = rec("k", "2026-01-05T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 1);
        UsageRecord slightlyBehind = rec("k", "2026-01-05T09:31:00Z", "gpt-4o", "10.0.0.1", 0, 2);
        UsageRecord farBehind = rec("k", "2026-01-01T03:00:00Z", "gpt-4", "6.6.6.6", 0, 3);
        for (UsageRecord r : List.of(newest, slightlyBehind, farBehind)) usage(h, r);
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        assertEquals(List.of(farBehind.tsMicros), h.getSideOutput(DetectionFunction.LATE).stream().map(x -> x.getValue().tsMicros).toList(),
                "29 minutes behind is within the out-of-orderness, days behind is not");
        assertEquals(0, h.extractOutputValues().stream().filter(a -> a.alertType.equals("unknown_model")).count());
    }

    @Test
    void twoKeysSharingTheKeyHashStopTheJobInsteadOfMixing() throws Exception {
        String held = "ab".repeat(8) + "0".repeat(48);
        String other = "ab".repeat(8) + "1".repeat(48);
        assertEquals(KeyHash.of(held), KeyHash.of(other), "same first 16 hex digits: same hash");
        for (boolean batch : new boolean[] {true, false}) {
            var h = harness(batch);
            Baseline b = KeyDetectorTest.baseline();
            b.apiKeyFingerprint = held;
            h.processElement1(b, Long.MIN_VALUE);
            UsageRecord same = rec("k", "2026-01-01T10:00:00Z", "gpt-4o", "10.0.0.1", 0, 1);
            same.apiKeyFingerprint = held;
            UsageRecord clash = rec("k", "2026-01-01T10:00:01Z", "gpt-4o", "10.0.0.1", 0, 2);
            clash.apiKeyFingerprint = other;
            usage(h, same);
            usage(h, clash);
            var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE)));
            Throwable cause = e;
            while (cause != null && !(cause instanceof io.keytrail.model.KeyHashCollision)) cause = cause.getCause();
            org.junit.jupiter.api.Assertions.assertNotNull(cause, "batch=" + batch + ": " + e);
            org.junit.jupiter.api.Assertions.assertTrue(cause.getMessage().contains(held) && cause.getMessage().contains(other));
        }
    }
}
