package io.keytrail.flink;

import io.keytrail.detect.KeyDetector;
import io.keytrail.detect.KeyDetectorState;
import io.keytrail.flink.types.EncodedUsage;
import io.keytrail.flink.types.UsageCodec;
import io.keytrail.flink.types.UsageEncoding;
import io.keytrail.investigate.GivenStarts;
import io.keytrail.investigate.InvestigationSink;
import io.keytrail.investigate.KeyInvestigator;
import io.keytrail.investigate.OrgSettings;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.HourlyUsage;
import io.keytrail.model.Incident;
import io.keytrail.model.KeyHash;
import io.keytrail.model.Ioc;
import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.TimelineEntry;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link KeyDetector} and {@link KeyInvestigator} for each key: baselines on the first input,
 * usage on the second (as {@link EncodedUsage}, decoded here once); alerts on the main output,
 * timelines, incidents, scope, IOCs and hourly usage on side outputs.
 *
 * <p>Both modes feed the key's logic the same sequence, so they produce the same rows:
 * records in (timestamp, input position) order, and each day closed once event time passes its close
 * time (after the records of that millisecond, before later ones).
 * <ul>
 *   <li>BATCH sorts each key's records by timestamp and delivers its baseline first (the pipeline
 *   stamps baselines with Long.MIN_VALUE). Records are handed on as they come, holding back only
 *   those that share a millisecond (the sorter's resolution) to order them by micros and position,
 *   so a hot key is never buffered whole. Timers fire after the key's last record.</li>
 *   <li>STREAMING buffers records per millisecond in keyed state until the watermark passes them,
 *   and closes days on event-time timers. A record behind the watermark, or further behind its key's
 *   newest record than the allowed out-of-orderness, goes to {@link #LATE}. The second rule is what
 *   the watermark of the key's own partition says; it makes lateness independent of how far the
 *   other partitions have got when the record arrives.</li>
 * </ul>
 */
public class DetectionFunction extends KeyedCoProcessFunction<Long, Baseline, EncodedUsage, Alert> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<UsageRecord> LATE = new OutputTag<>("late-usage", TypeInformation.of(UsageRecord.class));
    public static final OutputTag<TimelineEntry> TIMELINES = new OutputTag<>("timelines", TypeInformation.of(TimelineEntry.class));
    public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("incidents", TypeInformation.of(Incident.class));
    public static final OutputTag<ScopeAssessment> SCOPES = new OutputTag<>("scope", TypeInformation.of(ScopeAssessment.class));
    public static final OutputTag<Ioc> IOCS = new OutputTag<>("iocs", TypeInformation.of(Ioc.class));
    public static final OutputTag<HourlyUsage> HOURLY = new OutputTag<>("usage-hourly", TypeInformation.of(HourlyUsage.class));
    /** Accumulator: archive records whose key has no baseline (the seed skips them). */
    public static final String NO_BASELINE_RECORDS = "archive-records-without-baseline";
    /** Accumulator: keys seen in the usage input (BATCH, where each key comes once). */
    public static final String USAGE_KEYS = "archive-keys";
    /** Accumulator: stream records behind the watermark, sent to {@link #LATE}. */
    public static final String LATE_RECORDS = "late-records";
    static final long END_OF_KEY = Long.MAX_VALUE - 1;
    static final Comparator<UsageRecord> ORDER =
            Comparator.comparingLong((UsageRecord r) -> r.tsMicros).thenComparingLong(r -> r.seq);

    private final DetectionProfile profile;
    private final PricingTable pricing;
    private final boolean batch;
    private final OrgSettings org;
    private final GivenStarts starts;
    private final long outOfOrdernessMillis;
    private UsageEncoding usageEncoding = UsageEncoding.PORTABLE;

    private transient UsageCodec codec;
    private transient KeyDetector detector;
    private transient KeyInvestigator investigator;
    private transient ValueState<Baseline> baselineState;
    private transient ValueState<KeyDetectorState> detectorState;
    private transient MapState<Long, List<UsageRecord>> buffer;
    /** STREAMING: the key's event time already processed. Checkpointed, unlike the watermark, so lateness survives a restore. */
    private transient ValueState<Long> progress;
    /** STREAMING: the key's newest event time received (millis), for the per-key lateness rule. */
    private transient ValueState<Long> newest;
    /** STREAMING: a newer baseline snapshot waiting for the key's next day, and that day. */
    private transient ValueState<Baseline> nextBaseline;
    private transient ValueState<Long> nextBaselineDay;
    private transient LongCounter noBaseline;
    private transient LongCounter usageKeys;
    private transient LongCounter lateRecords;

    // BATCH only: the current key's records that share the latest millisecond.
    private transient List<UsageRecord> pending;
    private transient long pendingMillis;
    private transient Long timerKey;
    private transient boolean keyCounted;

    public DetectionFunction(DetectionProfile profile, PricingTable pricing, boolean batch) {
        this(profile, pricing, batch, OrgSettings.empty(), GivenStarts.analystOnly(Map.of()));
    }

    public DetectionFunction(DetectionProfile profile, PricingTable pricing, boolean batch, OrgSettings org,
                             GivenStarts starts) {
        this(profile, pricing, batch, org, starts, Long.MAX_VALUE);
    }

    /** @param outOfOrdernessMillis STREAMING: how far behind its key's newest record a record may still come. */
    public DetectionFunction(DetectionProfile profile, PricingTable pricing, boolean batch, OrgSettings org,
                             GivenStarts starts, long outOfOrdernessMillis) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.profile = profile;
        this.pricing = pricing;
        this.batch = batch;
        this.org = org;
        this.starts = starts;
    }

    /** Decodes usage in {@code encoding}, the one its {@link EncodeUsage} writes (portable unless set). */
    public DetectionFunction withUsageEncoding(UsageEncoding encoding) {
        this.usageEncoding = encoding;
        return this;
    }

    @Override
    public void open(OpenContext ctx) {
        codec = new UsageCodec(usageEncoding);
        detector = new KeyDetector(profile, pricing);
        investigator = new KeyInvestigator(profile, detector.costModel(), org, starts);
        baselineState = getRuntimeContext().getState(new ValueStateDescriptor<>("baseline", Baseline.class));
        detectorState = getRuntimeContext().getState(new ValueStateDescriptor<>("detector", KeyDetectorState.class));
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>("buffer", Types.LONG,
                TypeInformation.of(new TypeHint<List<UsageRecord>>() {})));
        progress = getRuntimeContext().getState(new ValueStateDescriptor<>("progress", Types.LONG));
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Types.LONG));
        nextBaseline = getRuntimeContext().getState(new ValueStateDescriptor<>("next-baseline", Baseline.class));
        nextBaselineDay = getRuntimeContext().getState(new ValueStateDescriptor<>("next-baseline-day", Types.LONG));
        pending = new ArrayList<>();
        noBaseline = getRuntimeContext().getLongCounter(NO_BASELINE_RECORDS);
        usageKeys = getRuntimeContext().getLongCounter(USAGE_KEYS);
        lateRecords = getRuntimeContext().getLongCounter(LATE_RECORDS);
    }

    @Override
    public void processElement1(Baseline b, Context ctx, Collector<Alert> out) throws Exception {
        if (batch) {
            baselineState.update(b);
            armEndOfKey(ctx);
            return;
        }
        // A live stream may receive newer snapshots (the weekly refresh): the newest applies from the
        // key's next day in event time, so that no day is judged by two baselines.
        Baseline cur = baselineState.value();
        Long done = progress.value();
        if (cur == null || done == null) {
            if (cur == null || newer(b, cur)) baselineState.update(b);
            return;
        }
        Baseline pending = nextBaseline.value();
        if (!newer(b, pending != null ? pending : cur)) return;
        nextBaseline.update(b);
        nextBaselineDay.update(detector.clock().epochDay(done * 1000L, 0) + 1);
    }

    /** Later window end wins; equal ends are ordered by version so every replica picks the same one. */
    static boolean newer(Baseline b, Baseline than) {
        if (b.windowEndMicros != than.windowEndMicros) return b.windowEndMicros > than.windowEndMicros;
        return String.valueOf(b.baselineVersion).compareTo(String.valueOf(than.baselineVersion)) > 0;
    }

    @Override
    public void processElement2(EncodedUsage e, Context ctx, Collector<Alert> out) throws Exception {
        UsageRecord r = codec.decode(e);
        long millis = Math.floorDiv(r.tsMicros, 1000L);
        if (batch) {
            armEndOfKey(ctx);
            if (!keyCounted) {
                usageKeys.add(1);
                keyCounted = true;
            }
            if (!pending.isEmpty() && millis != pendingMillis) flushPending(ctx, out);
            pending.add(r);
            pendingMillis = millis;
            return;
        }
        Long done = progress.value();
        Long seen = newest.value();
        if (millis <= ctx.timerService().currentWatermark() || (done != null && millis <= done)
                || (seen != null && millis < seen - outOfOrdernessMillis)) {
            ctx.output(LATE, r);
            lateRecords.add(1);
            return;
        }
        if (seen == null || millis > seen) newest.update(millis);
        List<UsageRecord> atMillis = buffer.get(millis);
        if (atMillis == null) atMillis = new ArrayList<>(1);
        atMillis.add(r);
        buffer.put(millis, atMillis);
        ctx.timerService().registerEventTimeTimer(millis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (batch) {
            flushPending(ctx, out);
            closeDays(Long.MAX_VALUE, ctx, out);
            baselineState.clear();
            detectorState.clear();
            timerKey = null;
            return;
        }
        Long done = progress.value();
        if (done == null || timestamp > done) progress.update(timestamp);
        List<UsageRecord> due = buffer.get(timestamp);
        if (due != null) {
            buffer.remove(timestamp);
            due.sort(ORDER);
            for (UsageRecord r : due) process(r, ctx, out);
        }
        closeDays(timestamp * 1000L, ctx, out);
    }

    private void armEndOfKey(Context ctx) {
        Long key = ctx.getCurrentKey();
        if (!key.equals(timerKey)) {
            ctx.timerService().registerEventTimeTimer(END_OF_KEY);
            timerKey = key;
            keyCounted = false;
            pending.clear();
        }
    }

    /** Processes the held millisecond as STREAMING's timer would: days that closed before it first, those closing at it after. */
    private void flushPending(Context ctx, Collector<Alert> out) throws Exception {
        if (pending.isEmpty()) return;
        closeDays(pendingMillis * 1000L - 1, ctx, out);
        if (pending.size() > 1) pending.sort(ORDER);
        for (UsageRecord r : pending) process(r, ctx, out);
        pending.clear();
        closeDays(pendingMillis * 1000L, ctx, out);
    }

    private void process(UsageRecord r, Context ctx, Collector<Alert> out) throws Exception {
        Baseline b = baselineState.value();
        if (!batch) {
            Baseline next = nextBaseline.value();
            if (next != null && detector.clock().epochDay(r.tsMicros, r.offsetSeconds) >= nextBaselineDay.value()) {
                b = next;
                baselineState.update(next);
                nextBaseline.clear();
                nextBaselineDay.clear();
            }
        }
        if (b == null) {
            noBaseline.add(1);
            return;
        }
        KeyHash.requireSame(b.groupKey(), r.groupKey());
        KeyDetectorState st = detectorState.value();
        if (st == null) st = new KeyDetectorState();
        int openBefore = st.openDays.size();
        List<Alert> raised = new ArrayList<>(0);
        detector.onRecord(r, b, st, raised::add);
        for (Alert a : raised) out.collect(a);
        investigator.onRecord(r, raised, b, st.investigation, sink(ctx));
        if (!batch && st.openDays.size() > openBefore) {
            // A new day opened: close it in event time once no record of it can still come.
            ctx.timerService().registerEventTimeTimer(Math.floorDiv(st.openDays.get(st.openDays.size() - 1).closeAfterMicros, 1000L));
        }
        detectorState.update(st);
    }

    private void closeDays(long upToMicros, Context ctx, Collector<Alert> out) throws Exception {
        KeyDetectorState st = detectorState.value();
        if (st == null) return;
        Baseline b = baselineState.value();
        InvestigationSink sink = sink(ctx);
        detector.closeDays(upToMicros, b, st, a -> {
            out.collect(a);
            investigator.onAlert(a, null, b, st.investigation, sink);
        }, closedAt -> investigator.onDayClosed(closedAt, b, st.investigation, sink));
        if (!batch && st.isIdle()) detectorState.clear();
        else detectorState.update(st);
    }

    private InvestigationSink sink(Context ctx) {
        return new InvestigationSink() {
            @Override
            public void timeline(TimelineEntry e) {
                ctx.output(TIMELINES, e);
            }

            @Override
            public void incident(Incident i) {
                ctx.output(INCIDENTS, i);
            }

            @Override
            public void scope(ScopeAssessment s) {
                ctx.output(SCOPES, s);
            }

            @Override
            public void ioc(Ioc i) {
                ctx.output(IOCS, i);
            }

            @Override
            public void hourly(HourlyUsage h) {
                ctx.output(HOURLY, h);
            }
        };
    }
}
