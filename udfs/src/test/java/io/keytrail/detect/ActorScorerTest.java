package io.keytrail.detect;

import io.keytrail.model.Alert;
import io.keytrail.model.AlertType;
import io.keytrail.model.Baseline;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.keytrail.Records.micros;
import static io.keytrail.Records.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default profile's actor scoring, through the detector: weak signals add up, a single change does not. */
class ActorScorerTest {
    static final PricingTable PRICES = new PricingTable(Map.of());
    static final String APP_UA = "openai-python/1.40.0";

    static Baseline baseline() {
        Baseline b = KeyDetectorTest.baseline();
        b.knownModels = List.of("gpt-3.5-turbo");
        b.knownUserAgents = List.of(APP_UA);
        b.knownEndpoints = List.of("/v1/chat/completions");
        b.activeHours = List.of(8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        b.p99RequestTokens = 2000;
        b.avgDailyRequests = 1000;
        b.stdDailyRequests = 100;
        return b;
    }

    static UsageRecord req(int minute, String ip, String ua, String model, long in, long out) {
        UsageRecord r = rec("k", String.format("2026-01-01T10:%02d:%02dZ", minute / 60 % 60, minute % 60), model, ip, 0.01, minute);
        r.tsMicros = micros("2026-01-01T10:00:00Z") + minute * 60_000_000L;
        r.userAgent = ua;
        r.endpoint = "/v1/chat/completions";
        r.inputTokens = in;
        r.outputTokens = out;
        r.statusCode = 200;
        return r;
    }

    static List<Alert> scores(Baseline b, List<UsageRecord> records) throws Exception {
        KeyDetector d = new KeyDetector(DetectionProfile.load("default"), PRICES);
        KeyDetectorState st = new KeyDetectorState();
        List<Alert> out = new ArrayList<>();
        Consumer<Alert> keep = a -> {
            if (a.alertType.equals(AlertType.COMPROMISE_SCORE)) out.add(a);
        };
        for (UsageRecord r : records) d.onRecord(r, b, st, keep);
        return out;
    }

    @Test
    void aNewServerThatBehavesLikeTheAppIsNotAnIncident() throws Exception {
        List<UsageRecord> recs = new ArrayList<>();
        for (int i = 0; i < 300; i++) recs.add(req(i, "192.0.2.7", APP_UA, "gpt-3.5-turbo", 600, 200));
        assertEquals(List.of(), scores(baseline(), recs));
    }

    @Test
    void anUnknownClientFromANewIpIsHighOnItsFirstRequest() throws Exception {
        List<Alert> a = scores(baseline(), List.of(req(0, "10.0.0.1", APP_UA, "gpt-3.5-turbo", 600, 200),
                req(5, "185.220.101.9", "python-requests/2.31.0", "gpt-3.5-turbo", 600, 200)));
        assertEquals(1, a.size());
        assertEquals("high", a.get(0).severity);
        assertEquals("185.220.101.9", a.get(0).subject);
        assertEquals(micros("2026-01-01T10:05:00Z"), a.get(0).tsMicros, "the actor's first record");
        assertTrue(a.get(0).evidence.contains("new_user_agent"), a.get(0).evidence);
    }

    @Test
    void aStealthyActorWithTheAppsClientIsCaughtByRequestSize() throws Exception {
        List<UsageRecord> recs = new ArrayList<>();
        for (int i = 0; i < 3; i++) recs.add(req(10 * i, "34.102.136.5", APP_UA, "gpt-3.5-turbo", 6000, 1500));
        List<Alert> a = scores(baseline(), recs);
        assertEquals(1, a.size());
        assertEquals(micros("2026-01-01T10:20:00Z"), a.get(0).detectedAtMicros, "the third large request");
        assertEquals(micros("2026-01-01T10:00:00Z"), a.get(0).tsMicros);
    }

    @Test
    void keyCheckerProbesAcrossModelsAreCritical() throws Exception {
        List<UsageRecord> recs = new ArrayList<>();
        String[] models = {"gpt-4", "gpt-4o", "o1"};
        for (int i = 0; i < 3; i++) {
            UsageRecord r = req(0, "91.92.241.3", "aiohttp/3.9.1", models[i], 12, i == 0 ? 0 : 1);
            r.tsMicros += i * 1_000_000L;
            if (i == 0) r.statusCode = 400;
            recs.add(r);
        }
        List<Alert> a = scores(baseline(), recs);
        assertEquals("critical", a.get(a.size() - 1).severity);
        assertEquals(a.get(0).alertId, a.get(a.size() - 1).alertId, "one alert per actor, revised");
    }

    @Test
    void withoutIpsANewModelFamilyAloneIsNotEnoughButWithSpendItIs() throws Exception {
        Baseline b = baseline();
        b.knownIps = List.of();
        b.knownUserAgents = List.of();
        b.avgDailyCost = 1.0;
        UsageRecord migrated = req(0, null, null, "gpt-4o-mini", 600, 200);
        migrated.costUsd = 0.5;
        assertEquals(List.of(), scores(b, List.of(migrated)));
        UsageRecord burst = req(60, null, null, "gpt-4", 60_000, 20_000);
        burst.requestCount = 40;
        burst.costUsd = 40;
        List<Alert> a = scores(b, List.of(req(0, null, null, "gpt-3.5-turbo", 600, 200), burst));
        assertEquals(1, a.size());
        assertEquals("no-ip", a.get(0).subject);
        assertEquals(burst.tsMicros, a.get(0).tsMicros, "starts at the first unusual row, not the owner's");
    }

    @Test
    void withoutIpsTheOwnersLargeOrNightBucketsAreNotAnActor() throws Exception {
        Baseline b = baseline();
        b.knownIps = List.of();
        List<UsageRecord> recs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UsageRecord r = req(0, null, null, "gpt-3.5-turbo", 9000, 3000);
            r.tsMicros = micros("2026-01-01T01:00:00Z") + i * 3_600_000_000L / 10;
            recs.add(r);
        }
        assertEquals(List.of(), scores(b, recs));
    }

    @Test
    void modelFamilies() {
        assertEquals("gpt-4o", ModelFamily.of("gpt-4o-mini"));
        assertEquals("gpt-4", ModelFamily.of("gpt-4-turbo"));
        assertEquals("gpt-3.5", ModelFamily.of("gpt-3.5-turbo"));
        assertEquals("claude-3", ModelFamily.of("anthropic.claude-3-opus"));
        assertEquals("claude-3.5", ModelFamily.of("claude-3.5-haiku"));
        assertEquals("o3", ModelFamily.of("o3-mini"));
        assertEquals("claude-haiku-4", ModelFamily.of("claude-haiku-4"));
    }

    @Test
    void userAgentProduct() {
        assertEquals("openai-python", ActorScorer.product("OpenAI-Python/1.52.0"));
        assertEquals("curl", ActorScorer.product("curl/8.4.0"));
        assertEquals("mozilla", ActorScorer.product("Mozilla/5.0 (X11)"));
    }
}
