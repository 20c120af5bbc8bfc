package io.keytrail.baseline;

import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.model.UsageRecord;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.util.SmallStringSet;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One key's history records from one stretch of one input file, folded before the shuffle so that
 * the BATCH sort moves one small row per key and file instead of every record. Nothing the seed's
 * floating-point order depends on is folded: a day that an earlier file may also hold keeps its costs
 * as a list, in input order, which {@link BaselineAccumulator#merge} adds one by one; only a day the
 * file owns ({@link CostDayOwners}) is summed here, from zero and in input order, as the seed sums it.
 * So merging partials in input order gives the very baseline that adding the records one by one gives.
 * Counts, sets and extremes are exact anyway.
 *
 * <p>Public fields and arrays only; Flink serializes it with
 * {@link io.keytrail.flink.types.BaselinePartialSerializer}, named by the annotation (a JVM without
 * Flink ignores it).
 */
@TypeInfo(io.keytrail.flink.types.BaselinePartialTypeInfo.Factory.class)
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
    /**
     * Each day's cost summed in input order from zero, for the days this partial's file owns
     * ({@link CostDayOwners}: no earlier file holds them); 0 for the others, whose costs are in
     * {@link #costs} ({@code dayCostCounts} is 0 exactly for the summed days).
     */
    public double[] daySums;
    /** The costs of the days this file does not own, grouped by day in {@link #days} order, in input order within a day. */
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
        /** Days a stretch may span before {@link #dayIndex} replaces the linear search. */
        private static final int LINEAR_DAYS = 32;
        // Arrays and small sets rather than maps: with 100,000 keys, 100,000 builders are alive at once,
        // and their maps and hash sets were most of what each young collection copied.
        /** Days in first-seen order, with each day's weight and how many costs it has. */
        private long[] dayKeys = new long[2];
        private long[] dayWeights = new long[2];
        /** How many costs each day has in {@link #costs}; {@link #OWNED} for a day the file owns, summed in {@link #daySums}. */
        private int[] dayCostCounts = new int[2];
        private double[] daySums = new double[2];
        private int dayCount;
        /**
         * Every cost of a day the file does not own, in input order with its day's slot, grouped by day
         * only in {@link #build}: one array per builder rather than one per day, since with 100,000 keys the
         * builders of a file stay alive together and every young collection copies them; none until needed.
         */
        private double[] costs = NO_COSTS;
        private int[] costSlots = NO_SLOTS;
        /** Day to its slot, built only when a key's stretch of a file spans many days. */
        private Map<Long, Integer> dayIndex;
        private final SmallStringSet models = new SmallStringSet();
        private final SmallStringSet ips = new SmallStringSet();
        private final SmallStringSet endpoints = new SmallStringSet();
        private final SmallStringSet userAgents = new SmallStringSet();
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
        /** The slot of the previous record's day: a file holds a key's records day by day, so lookups mostly hit it. */
        private long lastEpochDay = Long.MIN_VALUE;
        private int lastSlot = -1;

        private final CostDayOwners owners;
        private final int file;

        private static final int OWNED = -1;
        private static final double[] NO_COSTS = new double[0];
        private static final int[] NO_SLOTS = new int[0];

        /** A builder that sums no day: every cost travels on its own. */
        public Builder(DetectionProfile profile, DayClock clock, CostModel cost) {
            this(profile, clock, cost, CostDayOwners.none(), -1);
        }

        /** @param file the index of the input file all of this builder's records come from */
        public Builder(DetectionProfile profile, DayClock clock, CostModel cost, CostDayOwners owners, int file) {
            this.profile = profile;
            this.clock = clock;
            this.cost = cost;
            this.owners = owners;
            this.file = file;
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
            int slot = epochDay == lastEpochDay ? lastSlot : slot(epochDay);
            lastEpochDay = epochDay;
            lastSlot = slot;
            dayWeights[slot] += weight;
            if (dayCostCounts[slot] == OWNED) {
                daySums[slot] += cost.of(r);
            } else {
                if (costCount == costs.length) {
                    // Allocated at the first cost that travels on its own: with owned days most builders have none.
                    costs = Arrays.copyOf(costs, Math.max(4, costCount * 2));
                    costSlots = Arrays.copyOf(costSlots, Math.max(4, costCount * 2));
                }
                costs[costCount] = cost.of(r);
                costSlots[costCount] = slot;
                costCount++;
                dayCostCounts[slot]++;
            }
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

        /** The slot of {@code epochDay}, appended in first-seen order when new. */
        private int slot(long epochDay) {
            if (dayIndex != null) {
                Integer i = dayIndex.get(epochDay);
                if (i != null) return i;
            } else {
                for (int i = dayCount - 1; i >= 0; i--) {
                    if (dayKeys[i] == epochDay) return i;
                }
            }
            if (dayCount == dayKeys.length) {
                int n = dayCount * 2;
                dayKeys = Arrays.copyOf(dayKeys, n);
                dayWeights = Arrays.copyOf(dayWeights, n);
                dayCostCounts = Arrays.copyOf(dayCostCounts, n);
                daySums = Arrays.copyOf(daySums, n);
            }
            int slot = dayCount++;
            dayKeys[slot] = epochDay;
            if (owners.owns(file, epochDay)) dayCostCounts[slot] = OWNED;
            if (dayIndex != null) {
                dayIndex.put(epochDay, slot);
            } else if (dayCount > LINEAR_DAYS) {
                dayIndex = new HashMap<>();
                for (int i = 0; i < dayCount; i++) dayIndex.put(dayKeys[i], i);
            }
            return slot;
        }

        public BaselinePartial build() {
            BaselinePartial p = new BaselinePartial();
            p.firstSeq = firstSeq;
            p.apiKeyId = apiKeyId;
            p.apiKeyFingerprint = fingerprint;
            p.provider = provider;
            p.days = Arrays.copyOf(dayKeys, dayCount);
            p.dayWeights = Arrays.copyOf(dayWeights, dayCount);
            p.dayCostCounts = new int[dayCount];
            for (int i = 0; i < dayCount; i++) p.dayCostCounts[i] = Math.max(0, dayCostCounts[i]);
            p.daySums = Arrays.copyOf(daySums, dayCount);
            // Day by day in first-seen order, each day's costs in input order (a stable counting sort).
            int[] next = new int[dayCount];
            for (int i = 1; i < dayCount; i++) next[i] = next[i - 1] + p.dayCostCounts[i - 1];
            p.costs = new double[costCount];
            for (int i = 0; i < costCount; i++) p.costs[next[costSlots[i]]++] = costs[i];
            p.models = models.toArray();
            p.ips = ips.toArray();
            p.endpoints = endpoints.toArray();
            p.userAgents = userAgents.toArray();
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
