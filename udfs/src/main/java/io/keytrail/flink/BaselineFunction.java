package io.keytrail.flink;

import io.keytrail.baseline.BaselineAccumulator;
import io.keytrail.baseline.BaselinePartial;
import io.keytrail.detect.DayClock;
import io.keytrail.model.Baseline;
import io.keytrail.model.KeyHash;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Builds each key's baseline from its history, folded into {@link BaselinePartial}s before the shuffle
 * ({@link BaselinePartials}). BATCH only: the runtime hands over one key's partials contiguously (each
 * stamped with its first record's input position, so they come in input order, as the seed iterates
 * the records) and fires the key's timers right after its last record. The
 * accumulator therefore lives in a field for the current key only, which avoids copying it into state
 * on every record.
 */
public class BaselineFunction extends KeyedProcessFunction<Long, BaselinePartial, Baseline> {
    private static final long serialVersionUID = 1L;
    /** Any timestamp works in BATCH (timers fire at the key's end); this one sorts after every record. */
    static final long END_OF_KEY = Long.MAX_VALUE - 1;

    private final DetectionProfile profile;
    private final PricingTable pricing;
    private final String baselineVersion;
    private transient BaselineAccumulator acc;
    private transient Long accKey;
    /** The group key behind {@link #accKey}, to catch two keys sharing a hash. */
    private transient String accGroupKey;
    private transient DayClock clock;

    public BaselineFunction(DetectionProfile profile, PricingTable pricing, String baselineVersion) {
        this.profile = profile;
        this.pricing = pricing;
        this.baselineVersion = baselineVersion;
    }

    @Override
    public void processElement(BaselinePartial r, Context ctx, Collector<Baseline> out) {
        Long key = ctx.getCurrentKey();
        if (acc == null || !key.equals(accKey)) {
            if (clock == null) clock = new DayClock(profile);
            acc = new BaselineAccumulator(profile, clock, pricing);
            accKey = key;
            accGroupKey = r.groupKey();
            ctx.timerService().registerEventTimeTimer(END_OF_KEY);
        }
        KeyHash.requireSame(accGroupKey, r.groupKey());
        acc.merge(r);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Baseline> out) {
        if (acc != null && ctx.getCurrentKey().equals(accKey) && !acc.isEmpty()) {
            out.collect(acc.finish(baselineVersion));
        }
        acc = null;
        accKey = null;
        accGroupKey = null;
    }
}
