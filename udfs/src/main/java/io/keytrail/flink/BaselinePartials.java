package io.keytrail.flink;

import io.keytrail.baseline.BaselinePartial;
import io.keytrail.baseline.CostDayOwners;
import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds history records into one {@link BaselinePartial} per key for each run of records from one
 * input file, chained to the source (no shuffle before it). A source subtask reads a file's rows in
 * order, so a partial holds consecutive input positions of its key; it is emitted with its first
 * record's input position as timestamp when the file changes and at the end of input, so BATCH hands
 * each key's partials to {@link BaselineFunction} in input order.
 */
public class BaselinePartials extends AbstractStreamOperator<BaselinePartial>
        implements OneInputStreamOperator<UsageRecord, BaselinePartial>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final int RECENT_SLOTS = 1 << 12;

    private final DetectionProfile profile;
    private final PricingTable pricing;
    private final CostDayOwners owners;
    private transient DayClock clock;
    private transient CostModel cost;
    private transient Map<String, BaselinePartial.Builder> open;
    /**
     * A direct-mapped front for {@link #open}, compared by reference: a key's records carry the very
     * same group-key instance (the normalizer's masking memo hands out one per key), so a hit costs one
     * array load where the map hashes, probes and follows a node (18 % of this thread's time).
     */
    private transient String[] recentKeys;
    private transient BaselinePartial.Builder[] recentBuilders;
    private transient long file = -1;

    public BaselinePartials(DetectionProfile profile, PricingTable pricing) {
        this(profile, pricing, CostDayOwners.none());
    }

    /** @param owners the days each input file owns, whose costs its partials sum (a file is read whole by one subtask) */
    public BaselinePartials(DetectionProfile profile, PricingTable pricing, CostDayOwners owners) {
        this.profile = profile;
        this.pricing = pricing;
        this.owners = owners;
    }

    @Override
    public void open() throws Exception {
        super.open();
        clock = new DayClock(profile);
        cost = new CostModel(profile, pricing);
        open = new LinkedHashMap<>();
        recentKeys = new String[RECENT_SLOTS];
        recentBuilders = new BaselinePartial.Builder[RECENT_SLOTS];
    }

    @Override
    public void processElement(StreamRecord<UsageRecord> element) {
        UsageRecord r = element.getValue();
        long f = r.seq >>> 40;
        if (f != file) {
            flush();
            file = f;
        }
        builder(r.groupKey()).add(r);
    }

    private BaselinePartial.Builder builder(String key) {
        int slot = key.hashCode() & (RECENT_SLOTS - 1);
        if (recentKeys[slot] == key) return recentBuilders[slot];
        BaselinePartial.Builder b = open.get(key);
        if (b == null) {
            b = new BaselinePartial.Builder(profile, clock, cost, owners, (int) file);
            open.put(key, b);
        }
        recentKeys[slot] = key;
        recentBuilders[slot] = b;
        return b;
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        for (BaselinePartial.Builder b : open.values()) {
            BaselinePartial p = b.build();
            output.collect(new StreamRecord<>(p, p.firstSeq));
        }
        open.clear();
        Arrays.fill(recentKeys, null);
        Arrays.fill(recentBuilders, null);
    }
}
