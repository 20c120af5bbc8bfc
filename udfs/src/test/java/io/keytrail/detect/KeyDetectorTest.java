package io.keytrail.detect;

import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.keytrail.Records.micros;
import static io.keytrail.Records.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class KeyDetectorTest {
    static final PricingTable PRICES = new PricingTable(Map.of());

    public static Baseline baseline() {
        Baseline b = new Baseline();
        b.apiKeyId = "k";
        b.avgDailyRequests = 10;
        b.stdDailyRequests = 2;
        b.avgDailyCost = 1.0;
        b.knownModels = List.of("gpt-4o");
        b.knownIps = List.of("10.0.0.1");
        b.activeHours = List.of(9, 10, 11);
        b.baselineVersion = "v";
        return b;
    }

    static List<Alert> run(String profile, Baseline b, int n, String model, String ip, double cost, int hour) throws Exception {
        KeyDetector d = new KeyDetector(DetectionProfile.load(profile), PRICES);
        KeyDetectorState st = new KeyDetectorState();
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.onRecord(rec("k", String.format("2026-01-01T%02d:%02d:%02dZ", hour, i / 60, i % 60), model, ip, cost, i), b, st, out::add);
        }
        d.closeDays(Long.MAX_VALUE, b, st, out::add);
        assertTrue(st.isEmpty(), "closing all days leaves no state");
        return out;
    }

    @Test
    void defaultVolumeNeedsAMinimumCountAndFloorsTheStd() throws Exception {
        // avg 10, std 2: the seed fires at 17; default's floor makes std 0.2 * 10 = 2 (no change) but needs 50 requests.
        List<Alert> vol = run("default", baseline(), 60, "gpt-4o", "10.0.0.1", 0, 10).stream()
                .filter(a -> a.alertType.equals("volume_spike")).toList();
        assertEquals(micros("2026-01-01T10:00:49Z"), vol.get(0).detectedAtMicros, "the 50th record");
        Baseline steady = baseline();
        steady.avgDailyRequests = 100;
        steady.stdDailyRequests = 1;
        // std floored at 20: 100 + 3 * 20 = 160, not 103.
        List<Alert> v2 = run("default", steady, 170, "gpt-4o", "10.0.0.1", 0, 10).stream()
                .filter(a -> a.alertType.equals("volume_spike")).toList();
        assertEquals(micros("2026-01-01T10:02:40Z"), v2.get(0).detectedAtMicros, "the 161st record");
    }

    @Test
    void volumeFiresOnTheRecordPastAvgPlus3StdAndRisesToCritical() throws Exception {
        List<Alert> out = run("reference", baseline(), 120, "gpt-4o", "10.0.0.1", 0, 10);
        List<Alert> vol = out.stream().filter(a -> a.alertType.equals("volume_spike")).toList();
        assertEquals(2, vol.size());
        // threshold avg + 3*std = 16: the 17th record trips it; 10*avg = 100: the 101st makes it critical.
        assertEquals("high", vol.get(0).severity);
        assertEquals(0, vol.get(0).revision);
        assertEquals(micros("2026-01-01T10:00:16Z"), vol.get(0).detectedAtMicros);
        assertEquals("critical", vol.get(1).severity);
        assertEquals(1, vol.get(1).revision);
        assertEquals(micros("2026-01-01T10:01:40Z"), vol.get(1).detectedAtMicros);
        assertEquals(vol.get(0).alertId, vol.get(1).alertId);
        assertEquals(micros("2026-01-01T10:00:00Z"), vol.get(0).tsMicros, "the seed's timestamp: first record of the day");
    }

    @Test
    void zeroStdDisablesVolume() throws Exception {
        Baseline b = baseline();
        b.stdDailyRequests = 0;
        assertTrue(run("reference", b, 500, "gpt-4o", "10.0.0.1", 0, 10).stream().noneMatch(a -> a.alertType.equals("volume_spike")));
    }

    @Test
    void costNeedsFiveTimesAverageAndTenDollars() throws Exception {
        // 9 records of $1: $9 > 5 * avg but under the $10 floor.
        assertTrue(run("reference", baseline(), 9, "gpt-4o", "10.0.0.1", 1.0, 10).stream().noneMatch(a -> a.alertType.equals("cost_spike")));
        List<Alert> c = run("reference", baseline(), 11, "gpt-4o", "10.0.0.1", 1.0, 10).stream()
                .filter(a -> a.alertType.equals("cost_spike")).toList();
        assertEquals(1, c.size());
        assertEquals("critical", c.get(0).severity);
        assertEquals(micros("2026-01-01T10:00:10Z"), c.get(0).detectedAtMicros, "the 11th record passes $10");
    }

    @Test
    void unknownModelOncePerDayInReferenceOncePerModelInDefault() throws Exception {
        KeyDetector ref = new KeyDetector(DetectionProfile.load("reference"), PRICES);
        KeyDetector def = new KeyDetector(DetectionProfile.load("default"), PRICES);
        for (KeyDetector d : List.of(ref, def)) {
            KeyDetectorState st = new KeyDetectorState();
            List<Alert> out = new ArrayList<>();
            Baseline b = baseline();
            d.onRecord(rec("k", "2026-01-01T10:00:00Z", "gpt-4", "10.0.0.1", 0, 0), b, st, out::add);
            d.onRecord(rec("k", "2026-01-01T10:00:01Z", "gpt-4", "10.0.0.1", 0, 1), b, st, out::add);
            d.onRecord(rec("k", "2026-01-01T10:00:02Z", "o1", "10.0.0.1", 0, 2), b, st, out::add);
            List<String> subjects = out.stream().filter(a -> a.alertType.equals("unknown_model")).map(a -> a.subject).toList();
            assertEquals(d == ref ? List.of("gpt-4") : List.of("gpt-4", "o1"), subjects);
        }
    }

    @Test
    void unknownIpSkippedWithoutKnownIps() throws Exception {
        assertEquals(1, run("reference", baseline(), 3, "gpt-4o", "6.6.6.6", 0, 10).stream()
                .filter(a -> a.alertType.equals("unknown_source_ip")).count());
        Baseline b = baseline();
        b.knownIps = List.of();
        assertEquals(0, run("reference", b, 3, "gpt-4o", "6.6.6.6", 0, 10).stream()
                .filter(a -> a.alertType.equals("unknown_source_ip")).count());
    }

    @Test
    void offHoursFiresAtDayEndWhenOverThirtyPercent() throws Exception {
        List<Alert> off = run("reference", baseline(), 5, "gpt-4o", "10.0.0.1", 0, 3).stream()
                .filter(a -> a.alertType.equals("off_hours_usage")).toList();
        assertEquals(1, off.size());
        assertEquals("medium", off.get(0).severity);
        assertEquals(micros("2026-01-02T00:00:00Z"), off.get(0).detectedAtMicros);
        assertTrue(run("reference", baseline(), 5, "gpt-4o", "10.0.0.1", 0, 10).stream()
                .noneMatch(a -> a.alertType.equals("off_hours_usage")));
    }

    @Test
    void alertIdIsTheSha256OfItsIdentity() throws Exception {
        Alert a = run("reference", baseline(), 3, "gpt-4", "10.0.0.1", 0, 10).get(0);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        byte[] h = md.digest("reference|k|2026-01-01|unknown_model|gpt-4".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(h), a.alertId);
    }
}
