package io.keytrail.sql;

import io.keytrail.investigate.PhaseClassifier;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.secrets.FakeKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQL functions in plain Java: they delegate to the domain classes and handle NULL. */
class SqlFunctionsTest {
    private static final FakeKeys KEYS = new FakeKeys(8);

    @Test
    void costUsdUsesThePricingTable() {
        CostUsd f = new CostUsd();
        assertEquals(PricingTable.defaults().cost("gpt-4o", 1000, 2000), f.eval("gpt-4o", 1000L, 2000L), 1e-12);
        assertEquals(0.005 + 2 * 0.015, f.eval("gpt-4o", 1000L, 2000L), 1e-12);
        // Longest matching prefix: a dated model prices as its family.
        assertEquals(f.eval("gpt-4o", 10L, 10L), f.eval("gpt-4o-2024-08-06", 10L, 10L), 1e-12);
        assertNull(f.eval("no-such-model", 1L, 1L));
        assertNull(f.eval(null, 1L, 1L));
        assertNull(f.eval("gpt-4o", null, 1L));
    }

    @Test
    void riskOrdIsTheSeedsOrder() {
        RiskOrd f = new RiskOrd();
        assertEquals(0, f.eval("low"));
        assertEquals(1, f.eval("medium"));
        assertEquals(2, f.eval("high"));
        assertEquals(3, f.eval("critical"));
        assertEquals(-1, f.eval("CRITICAL"));
        assertEquals(-1, f.eval(null));
    }

    @Test
    void maskKeyMasksEveryFullKeyAndKeepsTheRest() {
        MaskKey f = new MaskKey();
        String key = KEYS.anthropic();
        String masked = f.eval("Authorization: Bearer " + key + " (prod)");
        assertFalse(masked.contains(key), masked);
        assertTrue(masked.startsWith("Authorization: Bearer sk-ant-api03-..."), masked);
        assertTrue(masked.endsWith(key.substring(key.length() - 4) + " (prod)"), masked);
        assertEquals("no key here", f.eval("no key here"));
        assertEquals("key_123", f.eval("key_123"));
        assertNull(f.eval(null));
    }

    @Test
    void keyProviderFromAFullKeyOrAMaskedId() {
        KeyProvider f = new KeyProvider();
        assertEquals("anthropic", f.eval(KEYS.anthropic()));
        assertEquals("openai", f.eval(KEYS.openaiProject()));
        assertEquals("openai", f.eval("sk-proj-...x9Qa"));
        assertEquals("anthropic", f.eval("sk-ant-api03-...AbCd"));
        assertNull(f.eval("key_123"));
        assertNull(f.eval(null));
    }

    @Test
    void attackPhaseIsTheSeedClassification() {
        AttackPhaseOf f = new AttackPhaseOf();
        assertEquals("reconnaissance", f.eval(5000L, 9000L, "/v1/chat/completions", 0L));
        assertEquals("reconnaissance", f.eval(5000L, 9000L, "/v1/chat/completions", 2L));
        assertEquals("capability_testing", f.eval(10L, 20L, "/v1/chat/completions", 3L));
        assertEquals("persistence", f.eval(500L, 500L, "/v1/fine-tunes", 3L));
        assertEquals("persistence", f.eval(500L, 500L, "/v1/files", 4L));
        assertEquals("exfiltration", f.eval(500L, 4001L, "/v1/chat/completions", 5L));
        assertEquals("exploitation", f.eval(500L, 4000L, "/v1/chat/completions", 5L));
        // Seed rules: listing models after the first three is not reconnaissance, and fine_tun is not persistence.
        assertEquals("exploitation", f.eval(500L, 500L, "/v1/models", 7L));
        assertEquals("exploitation", f.eval(500L, 500L, "/v1/fine_tuning/jobs", 7L));
        assertEquals("capability_testing", f.eval(1L, 1L, null, 7L));
        assertNull(f.eval(null, 1L, "/v1/files", 3L));
        assertNull(f.eval(1L, 1L, "/v1/files", null));
        UsageRecord r = new UsageRecord();
        r.inputTokens = 60;
        r.outputTokens = 70;
        r.endpoint = "/v1/batches";
        assertEquals(new PhaseClassifier(true).classify(r, 9).wire, f.eval(60L, 70L, "/v1/batches", 9L));
    }

    @Test
    void ipInCidrForIpv4AndIpv6() {
        IpInCidr f = new IpInCidr();
        assertTrue(f.eval("10.1.2.3", "10.0.0.0/8"));
        assertFalse(f.eval("11.1.2.3", "10.0.0.0/8"));
        assertTrue(f.eval("192.168.1.130", "192.168.1.128/25"));
        assertFalse(f.eval("192.168.1.127", "192.168.1.128/25"));
        assertTrue(f.eval("203.0.113.9", "203.0.113.9"));
        assertTrue(f.eval("203.0.113.9", "0.0.0.0/0"));
        assertTrue(f.eval("2001:db8::1", "2001:db8::/32"));
        assertFalse(f.eval("2001:db9::1", "2001:db8::/32"));
        assertTrue(f.eval("2001:db8:0:0:0:0:0:1", "2001:db8::1/128"));
        assertTrue(f.eval("fe80::1%eth0", "fe80::/10"));
        assertTrue(f.eval("::ffff:10.1.2.3", "10.0.0.0/8"));
        // Families do not mix.
        assertFalse(f.eval("10.1.2.3", "::/0"));
        assertFalse(f.eval("2001:db8::1", "0.0.0.0/0"));
        // Not addresses, bad prefixes, NULL: NULL (and no DNS lookup for names).
        assertNull(f.eval("localhost", "127.0.0.0/8"));
        assertNull(f.eval("10.1.2", "10.0.0.0/8"));
        assertNull(f.eval("10.1.2.300", "10.0.0.0/8"));
        assertNull(f.eval("10.1.2.3", "10.0.0.0/33"));
        assertNull(f.eval("10.1.2.3", "10.0.0.0/x"));
        assertNull(f.eval("2001:db8::g", "2001:db8::/32"));
        assertNull(f.eval(null, "10.0.0.0/8"));
        assertNull(f.eval("10.1.2.3", null));
    }

    @Test
    void isOffHoursReadsTheHourInUtc() {
        IsOffHours f = new IsOffHours();
        Integer[] office = {9, 10, 11, 12, 13, 14, 15, 16, 17};
        assertFalse(f.eval(Instant.parse("2026-02-04T09:00:00Z"), office));
        assertFalse(f.eval(Instant.parse("2026-02-04T17:59:59.999999Z"), office));
        assertTrue(f.eval(Instant.parse("2026-02-04T18:00:00Z"), office));
        assertTrue(f.eval(Instant.parse("2026-02-04T03:12:00Z"), office));
        assertTrue(f.eval(LocalDateTime.parse("2026-02-04T08:59:59"), office));
        assertFalse(f.eval(LocalDateTime.parse("2026-02-04T10:00:00"), office));
        assertTrue(f.eval(Instant.parse("2026-02-04T10:00:00Z"), new Integer[0]));
        assertTrue(f.eval(Instant.parse("2026-02-04T10:00:00Z"), new Integer[] {null, 9}));
        assertNull(f.eval((Instant) null, office));
        assertNull(f.eval(Instant.parse("2026-02-04T10:00:00Z"), null));
    }

    @Test
    void everyFunctionIsRegisteredOnce() {
        assertEquals(7, Functions.all().size());
        assertEquals(7, Functions.all().values().stream().distinct().count());
    }
}
