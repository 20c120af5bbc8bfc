package io.keytrail.investigate;

import io.keytrail.leaks.LeakExposures;
import io.keytrail.model.Baseline;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Compromise starts known before the data is read, in the order of precedence: the analyst's
 * (by api_key_id or fingerprint), then the earliest exposure found by the leak scan (by fingerprint, or
 * by provider and last 4 characters when the usage data only has a masked key such as sk-...1234).
 */
public final class GivenStarts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, CompromiseStart> analyst;
    private final Map<String, CompromiseStart> leakByFingerprint;
    private final Map<String, CompromiseStart> leakByProviderLast4;

    public GivenStarts(Map<String, CompromiseStart> analyst, Map<String, CompromiseStart> leakByFingerprint,
                       Map<String, CompromiseStart> leakByProviderLast4) {
        this.analyst = new HashMap<>(analyst);
        this.leakByFingerprint = new HashMap<>(leakByFingerprint);
        this.leakByProviderLast4 = new HashMap<>(leakByProviderLast4);
    }

    public static GivenStarts analystOnly(Map<String, CompromiseStart> analyst) {
        return new GivenStarts(analyst, Map.of(), Map.of());
    }

    /** Adds the leak scan's earliest exposures; the analyst's starts keep precedence. */
    public static GivenStarts of(Map<String, CompromiseStart> analyst, LeakExposures leaks) {
        Map<String, CompromiseStart> byFp = new HashMap<>(), byTail = new HashMap<>();
        if (leaks != null) {
            for (LeakExposures.Exposure e : leaks.all()) {
                CompromiseStart c = new CompromiseStart(e.exposedAtMicros(), CompromiseStart.LEAK, e.exposedAtMicros());
                if (e.fingerprint() != null) byFp.merge(e.fingerprint(), c, GivenStarts::earlier);
                if (e.provider() != null && e.last4() != null) byTail.merge(e.provider() + "|" + e.last4(), c, GivenStarts::earlier);
            }
        }
        return new GivenStarts(analyst, byFp, byTail);
    }

    private static CompromiseStart earlier(CompromiseStart a, CompromiseStart b) {
        return a.startMicros() <= b.startMicros() ? a : b;
    }

    public CompromiseStart forKey(Baseline b) {
        CompromiseStart c = analyst.get(b.apiKeyId);
        if (c == null && b.apiKeyFingerprint != null) c = analyst.get(b.apiKeyFingerprint);
        if (c != null) return c;
        if (b.apiKeyFingerprint != null) c = leakByFingerprint.get(b.apiKeyFingerprint);
        if (c == null && b.apiKeyId != null && b.apiKeyId.contains("...") && b.apiKeyId.length() >= 4 && b.provider != null) {
            c = leakByProviderLast4.get(b.provider + "|" + b.apiKeyId.substring(b.apiKeyId.length() - 4));
        }
        return c;
    }

    public int size() {
        return analyst.size() + leakByFingerprint.size();
    }
}
