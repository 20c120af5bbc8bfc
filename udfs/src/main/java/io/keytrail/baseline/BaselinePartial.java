package io.keytrail.baseline;

import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.model.UsageRecord;
import io.keytrail.profile.DetectionProfile;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One key's history records from one stretch of one input file, folded before the shuffle so that
 * the BATCH sort moves one small row per key and file instead of every record. Nothing the seed's
 * floating-point order depends on is folded: each day keeps its costs as a list, in input order, and
 * {@link BaselineAccumulator#merge} adds them one by one, so merging partials in input order gives the
 * very baseline that adding the records one by one gives. Counts, sets and extremes are exact anyway.
 *
 * <p>A public-field POJO with arrays only, so Flink's PojoSerializer handles it (no Kryo).
 */
public class BaselinePartial implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Input position of the partial's first record: merging in this order is merging in input order. */
    public long firstSeq;
    public String apiKeyId;
    public String apiKeyFingerprint;
    /** The first non-null provider. */
    public String provider;
    /** Days in first-seen order, the weight counted on each, and how many of {@link #costs} are each day's. */
    public long[] days;
    public long[] dayWeights;
    public int[] dayCostCounts;
    /** Every record's cost, grouped by day in {@link #days} order, in input order within a day. */
    public double[] costs;
    public String[] models;
    public String[] ips;
    /** The first {@link BaselineAccumulator#MAX_ENDPOINTS} distinct endpoints, in first-seen order. */
    public String[] endpoints;
    /** The first {@link BaselineAccumulator#MAX_USER_AGENTS} distinct user agents, in first-seen order. */
    public String[] userAgents;
    /** Request sizes: the bucket counts of a {@link RequestTokenHistogram}. */
    public long[] tokenCounts;
    /** The bucket of {@code tokenCounts[0]} (only the range in use travels). */
    public int tokenOffset;
    public long[] hourCounts;
    public long records;
    public long requests;
    public long minTs;
    public long maxTs;

    public BaselinePartial() {}

    /** The key that groups records: the fingerprint when the id was a full secret, else the id. */
    public String groupKey() {
        return apiKeyFingerprint != null ? apiKeyFingerprint : apiKeyId;
    }

    /** Folds one key's records, fed in input order, into a partial. */
    public static final class Builder {
        private final DetectionProfile profile;
        private final DayClock clock;
        private final CostModel cost;
        private final Map<Long, Day> days = new LinkedHashMap<>();
        private final Set<String> models = new HashSet<>();
        private final Set<String> ips = new HashSet<>();
        private final Set<String> endpoints = new java.util.LinkedHashSet<>();
        private final Set<String> userAgents = new java.util.LinkedHashSet<>();
        private final RequestTokenHistogram tokens = new RequestTokenHistogram();
        private final long[] hourCounts = new long[24];
        private long firstSeq;
        private String apiKeyId;
        private String fingerprint;
        private String provider;
        private long records;
        private long requests;
        private long minTs = Long.MAX_VALUE;
        private long maxTs = Long.MIN_VALUE;
        private int costCount;
        /** The day of the previous record: a file holds a key's records day by day, so lookups mostly hit it. */
        private long lastEpochDay = Long.MIN_VALUE;
        private Day lastDay;

        private static final class Day {
            long weight;
            double[] costs = new double[4];
            int n;

            void add(double c) {
                if (n == costs.length) costs = Arrays.copyOf(costs, n * 2);
                costs[n++] = c;
            }
        }

        public Builder(DetectionProfile profile, DayClock clock, CostModel cost) {
            this.profile = profile;
            this.clock = clock;
            this.cost = cost;
        }

        public void add(UsageRecord r) {
            if (records == 0) {
                firstSeq = r.seq;
                apiKeyId = r.apiKeyId;
                fingerprint = r.apiKeyFingerprint;
            }
            if (provider == null && r.provider != null) provider = r.provider;
            long weight = profile.countsRows() ? 1 : r.requestCount;
            long epochDay = clock.epochDay(r.tsMicros, r.offsetSeconds);
            Day d = epochDay == lastEpochDay ? lastDay : days.get(epochDay);
            if (d == null) {
                d = new Day();
                days.put(epochDay, d);
            }
            lastEpochDay = epochDay;
            lastDay = d;
            d.weight += weight;
            d.add(cost.of(r));
            costCount++;
            models.add(r.model);
            if (endpoints.size() < BaselineAccumulator.MAX_ENDPOINTS) endpoints.add(r.endpoint);
            if (r.sourceIp != null && !r.sourceIp.isEmpty()) ips.add(r.sourceIp);
            if (r.userAgent != null && !r.userAgent.isEmpty() && userAgents.size() < BaselineAccumulator.MAX_USER_AGENTS) {
                userAgents.add(r.userAgent);
            }
            tokens.add(r);
            hourCounts[clock.hour(r.tsMicros, r.offsetSeconds)] += weight;
            records++;
            requests += r.requestCount;
            minTs = Math.min(minTs, r.tsMicros);
            maxTs = Math.max(maxTs, r.tsMicros);
        }

        public BaselinePartial build() {
            BaselinePartial p = new BaselinePartial();
            p.firstSeq = firstSeq;
            p.apiKeyId = apiKeyId;
            p.apiKeyFingerprint = fingerprint;
            p.provider = provider;
            int n = days.size();
            p.days = new long[n];
            p.dayWeights = new long[n];
            p.dayCostCounts = new int[n];
            p.costs = new double[costCount];
            int i = 0, c = 0;
            for (Map.Entry<Long, Day> e : days.entrySet()) {
                Day d = e.getValue();
                p.days[i] = e.getKey();
                p.dayWeights[i] = d.weight;
                p.dayCostCounts[i] = d.n;
                System.arraycopy(d.costs, 0, p.costs, c, d.n);
                c += d.n;
                i++;
            }
            p.models = models.toArray(new String[0]);
            p.ips = ips.toArray(new String[0]);
            p.endpoints = endpoints.toArray(new String[0]);
            p.userAgents = userAgents.toArray(new String[0]);
            p.tokenCounts = tokens.counts();
            p.tokenOffset = tokens.offset();
            p.hourCounts = hourCounts.clone();
            p.records = records;
            p.requests = requests;
            p.minTs = minTs;
            p.maxTs = maxTs;
            return p;
        }
    }
}
