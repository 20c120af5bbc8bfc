package io.keytrail.baseline;

import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.model.Baseline;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one key's baseline from its history, fed in input order. Sums run in the same order as the
 * seed's loops (records in input order, days in first-seen order) so that the floating-point results,
 * and with them every threshold, match the seed to the last bit.
 */
public final class BaselineAccumulator {
    private final DetectionProfile profile;
    private final DayClock clock;
    private final CostModel cost;

    private final Map<Long, long[]> dayCounts = new LinkedHashMap<>();
    private final Map<Long, double[]> dayCosts = new LinkedHashMap<>();
    private final Set<String> models = new HashSet<>();
    private final Set<String> ips = new HashSet<>();
    private final Set<String> endpoints = new HashSet<>();
    static final int MAX_ENDPOINTS = 200;
    static final int MAX_USER_AGENTS = 100;
    private final Set<String> userAgents = new HashSet<>();
    private final RequestTokenHistogram tokens = new RequestTokenHistogram();
    private final long[] hourCounts = new long[24];
    private long records;
    private long requests;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;
    private String apiKeyId;
    private String fingerprint;
    private String provider;

    public BaselineAccumulator(DetectionProfile profile, DayClock clock, PricingTable pricing) {
        this.profile = profile;
        this.clock = clock;
        this.cost = new CostModel(profile, pricing);
    }

    public void add(UsageRecord r) {
        if (apiKeyId == null) {
            apiKeyId = r.apiKeyId;
            fingerprint = r.apiKeyFingerprint;
        }
        if (provider == null && r.provider != null) provider = r.provider;
        long weight = profile.countsRows() ? 1 : r.requestCount;
        long day = clock.epochDay(r.tsMicros, r.offsetSeconds);
        long[] c = dayCounts.get(day);
        if (c == null) {
            c = new long[1];
            dayCounts.put(day, c);
            dayCosts.put(day, new double[1]);
        }
        c[0] += weight;
        dayCosts.get(day)[0] += cost.of(r);
        models.add(r.model);
        if (endpoints.size() < MAX_ENDPOINTS) endpoints.add(r.endpoint);
        if (r.sourceIp != null && !r.sourceIp.isEmpty()) ips.add(r.sourceIp);
        if (r.userAgent != null && !r.userAgent.isEmpty() && userAgents.size() < MAX_USER_AGENTS) userAgents.add(r.userAgent);
        tokens.add(r);
        hourCounts[clock.hour(r.tsMicros, r.offsetSeconds)] += weight;
        records++;
        requests += r.requestCount;
        minTs = Math.min(minTs, r.tsMicros);
        maxTs = Math.max(maxTs, r.tsMicros);
    }

    /**
     * Adds a partial of the following records: the same as adding its records one by one, as long as
     * partials come in input order (each day's costs are added one by one, in their order).
     */
    public void merge(BaselinePartial p) {
        if (p.records == 0) return;
        if (apiKeyId == null) {
            apiKeyId = p.apiKeyId;
            fingerprint = p.apiKeyFingerprint;
        }
        if (provider == null && p.provider != null) provider = p.provider;
        int ci = 0;
        for (int i = 0; i < p.days.length; i++) {
            long day = p.days[i];
            long[] c = dayCounts.get(day);
            if (c == null) {
                c = new long[1];
                dayCounts.put(day, c);
                dayCosts.put(day, new double[1]);
            }
            c[0] += p.dayWeights[i];
            double[] sum = dayCosts.get(day);
            // An owned day is new here (no earlier file holds it), so adding its sum to zero is exact.
            if (p.dayCostCounts[i] == 0 && p.daySums != null) sum[0] += p.daySums[i];
            for (int j = 0; j < p.dayCostCounts[i]; j++) sum[0] += p.costs[ci++];
        }
        java.util.Collections.addAll(models, p.models);
        java.util.Collections.addAll(ips, p.ips);
        for (String e : p.endpoints) {
            if (endpoints.size() < MAX_ENDPOINTS) endpoints.add(e);
        }
        for (String ua : p.userAgents) {
            if (userAgents.size() < MAX_USER_AGENTS) userAgents.add(ua);
        }
        tokens.merge(p.tokenOffset, p.tokenCounts);
        for (int h = 0; h < 24; h++) hourCounts[h] += p.hourCounts[h];
        records += p.records;
        requests += p.requests;
        minTs = Math.min(minTs, p.minTs);
        maxTs = Math.max(maxTs, p.maxTs);
    }

    public boolean isEmpty() {
        return records == 0;
    }

    public Baseline finish(String baselineVersion) {
        Baseline b = new Baseline();
        b.apiKeyId = apiKeyId;
        b.apiKeyFingerprint = fingerprint;
        b.provider = provider;
        int n = dayCounts.size();
        // Zero-activity days between the key's first and last history day, when the profile counts them.
        int zeros = 0;
        if (profile.baseline.countZeroDays && n > 0) {
            long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
            for (long d : dayCounts.keySet()) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            zeros = (int) (hi - lo + 1 - n);
        }
        int days = n + zeros;
        long sumReq = 0, maxReq = 0;
        for (long[] c : dayCounts.values()) {
            sumReq += c[0];
            maxReq = Math.max(maxReq, c[0]);
        }
        b.avgDailyRequests = n == 0 ? 0.0 : (double) sumReq / days;
        b.maxDailyRequests = maxReq;
        b.stdDailyRequests = sampleStd(dayCounts.values(), zeros);
        double sumCost = 0.0, maxCost = n == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        for (double[] c : dayCosts.values()) {
            sumCost += c[0];
            maxCost = Math.max(maxCost, c[0]);
        }
        b.avgDailyCost = n == 0 ? 0.0 : sumCost / days;
        b.maxDailyCost = maxCost;
        b.knownModels = sorted(models);
        b.knownIps = sorted(ips);
        b.knownEndpoints = sorted(endpoints);
        b.knownUserAgents = sorted(userAgents);
        b.p99RequestTokens = tokens.quantile(0.99);
        // The seed compares with len(records), i.e. rows, even when counting by weight elsewhere.
        double floor = (profile.countsRows() ? records : requests) * profile.baseline.activeHourShare;
        List<Integer> active = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (hourCounts[h] > floor) active.add(h);
        }
        b.activeHours = active;
        b.windowStartMicros = minTs;
        b.windowEndMicros = maxTs;
        b.daysObserved = n;
        b.records = records;
        b.requests = requests;
        b.profile = profile.name;
        b.baselineVersion = baselineVersion;
        return b;
    }

    /** The seed's _std: two passes, sample variance, 0 under two values; {@code zeros} more days of 0 (none in the seed). */
    static double sampleStd(java.util.Collection<long[]> days, int zeros) {
        int n = days.size() + zeros;
        if (n < 2) return 0.0;
        long sum = 0;
        for (long[] c : days) sum += c[0];
        double mean = (double) sum / n;
        double acc = 0.0;
        for (long[] c : days) {
            double d = c[0] - mean;
            acc += d * d;
        }
        if (zeros > 0) acc += zeros * mean * mean;
        return Math.sqrt(acc / (n - 1));
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        Collections.sort(l);
        return l;
    }
}
