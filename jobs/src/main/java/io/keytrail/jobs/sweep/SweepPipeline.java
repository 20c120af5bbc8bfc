package io.keytrail.jobs.sweep;

import io.keytrail.baseline.BaselinePartial;
import io.keytrail.baseline.CostDayOwners;
import io.keytrail.flink.BaselineFunction;
import io.keytrail.flink.BaselinePartials;
import io.keytrail.flink.DetectionFunction;
import io.keytrail.flink.EncodeUsage;
import io.keytrail.flink.SplitRejects;
import io.keytrail.flink.types.EncodedUsage;
import io.keytrail.flink.types.UsageEncoding;
import io.keytrail.ingest.ParsedRow;
import io.keytrail.investigate.GivenStarts;
import io.keytrail.investigate.OrgSettings;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.KeyHash;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one pipeline: history → per-key baselines; usage → the same keyed detection function in BATCH
 * and STREAMING. Sources and sinks are injected so files, Kafka and tests share it.
 */
public final class SweepPipeline {
    private SweepPipeline() {}

    /**
     * Key selectors as classes, so their types are known to Flink without lambdas' erasure. They key by
     * {@link KeyHash} (a fixed-length key the BATCH sorter compares as bytes); the keyed functions check
     * the group key itself.
     */
    public static final class ByEncodedKey implements KeySelector<EncodedUsage, Long> {
        @Override
        public Long getKey(EncodedUsage e) {
            return e.keyHash;
        }
    }

    public static final class ByBaselineKey implements KeySelector<Baseline, Long> {
        @Override
        public Long getKey(Baseline b) {
            return KeyHash.of(b.groupKey());
        }
    }

    /** Splits parsed rows into records and rejects (sent to the sink). */
    public static DataStream<UsageRecord> usable(DataStream<ParsedRow> rows, String input, Sinks sinks) {
        SingleOutputStreamOperator<UsageRecord> ok = rows.process(new SplitRejects(input))
                .name("split-rejects-" + input).uid("split-rejects-" + input);
        sinks.rejects(ok.getSideOutput(SplitRejects.REJECTS));
        return ok;
    }

    public static final class ByPartialKey implements KeySelector<BaselinePartial, Long> {
        @Override
        public Long getKey(BaselinePartial p) {
            return KeyHash.of(p.groupKey());
        }
    }

    /**
     * Baselines from history. Each key's records are folded per input file before the shuffle (exactly:
     * costs keep their order, and only the days a file owns are summed in it) and the partials stamped
     * with their first record's input position, so that BATCH hands a key's partials over in input
     * order, the order the seed's sums run in.
     */
    public static DataStream<Baseline> baselines(DataStream<UsageRecord> history, DetectionProfile profile,
                                                 PricingTable pricing, String version, CostDayOwners owners) {
        return history
                .transform("baseline-partials", TypeInformation.of(BaselinePartial.class), new BaselinePartials(profile, pricing, owners))
                .keyBy(new ByPartialKey())
                .process(new BaselineFunction(profile, pricing, version))
                .name("baselines").uid("baselines");
    }

    /** Usage stamped with event time (milliseconds; micros are ordered inside the function). */
    public static DataStream<UsageRecord> withEventTime(DataStream<UsageRecord> usage) {
        return usage.assignTimestampsAndWatermarks(WatermarkStrategy.<UsageRecord>noWatermarks()
                        .withTimestampAssigner((r, t) -> Math.floorDiv(r.tsMicros, 1000L)))
                .name("event-time");
    }

    /** Detection: baselines first for each key (minimal timestamp), then the key's usage. */
    public static SingleOutputStreamOperator<Alert> detect(DataStream<Baseline> baselines, DataStream<UsageRecord> usage,
                                                           DetectionProfile profile, PricingTable pricing, boolean batch,
                                                           OrgSettings org, GivenStarts starts) {
        return detect(baselines, usage, profile, pricing, batch, org, starts, Long.MAX_VALUE);
    }

    /** As above; STREAMING sends a record further than {@code outOfOrdernessMillis} behind its key's newest to late. */
    public static SingleOutputStreamOperator<Alert> detect(DataStream<Baseline> baselines, DataStream<UsageRecord> usage,
                                                           DetectionProfile profile, PricingTable pricing, boolean batch,
                                                           OrgSettings org, GivenStarts starts, long outOfOrdernessMillis) {
        return detect(baselines, usage, profile, pricing, batch, org, starts, outOfOrdernessMillis, UsageEncoding.PORTABLE);
    }

    /** As above, with usage crossing the shuffle in {@code encoding} ({@link #usageEncoding}). */
    public static SingleOutputStreamOperator<Alert> detect(DataStream<Baseline> baselines, DataStream<UsageRecord> usage,
                                                           DetectionProfile profile, PricingTable pricing, boolean batch,
                                                           OrgSettings org, GivenStarts starts, long outOfOrdernessMillis,
                                                           UsageEncoding encoding) {
        DataStream<Baseline> first = baselines
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Baseline>noWatermarks()
                        .withTimestampAssigner((b, t) -> Long.MIN_VALUE))
                .name("baselines-first");
        return first.keyBy(new ByBaselineKey())
                .connect(usage.map(new EncodeUsage(encoding)).name("encode-usage").uid("encode-usage").keyBy(new ByEncodedKey()))
                .process(new DetectionFunction(profile, pricing, batch, org, starts, outOfOrdernessMillis).withUsageEncoding(encoding))
                .name("detect").uid("detect");
    }

    /** Sends the detection function's outputs to their sinks. */
    public static void investigationOutputs(SingleOutputStreamOperator<Alert> detected, Sinks sinks) {
        sinks.alerts(detected);
        sinks.timelines(detected.getSideOutput(DetectionFunction.TIMELINES));
        sinks.incidents(detected.getSideOutput(DetectionFunction.INCIDENTS));
        sinks.scope(detected.getSideOutput(DetectionFunction.SCOPES));
        sinks.iocs(detected.getSideOutput(DetectionFunction.IOCS));
        sinks.hourly(detected.getSideOutput(DetectionFunction.HOURLY));
    }

    /**
     * {@link UsageEncoding#IN_PROCESS} when every task of a BATCH job runs in this JVM (an embedded
     * MiniCluster: the launcher's, or a test's), else portable. STREAMING stays portable even locally:
     * its checkpoints may keep in-flight bytes that a later JVM restores.
     */
    public static UsageEncoding usageEncoding(StreamExecutionEnvironment env) {
        if (env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) != RuntimeExecutionMode.BATCH) return UsageEncoding.PORTABLE;
        String target = env.getConfiguration().get(DeploymentOptions.TARGET);
        return "local".equals(target) || "minicluster".equals(target) ? UsageEncoding.IN_PROCESS : UsageEncoding.PORTABLE;
    }

    /** The whole sweep over parsed history and archive rows, usage shuffled in the encoding {@link #usageEncoding} picks. */
    public static void sweep(DataStream<ParsedRow> historyRows, DataStream<ParsedRow> archiveRows, DetectionProfile profile,
                             PricingTable pricing, String baselineVersion, CostDayOwners owners, OrgSettings org,
                             GivenStarts starts, Sinks sinks) {
        sweep(historyRows, archiveRows, profile, pricing, baselineVersion, owners, org, starts, sinks,
                usageEncoding(historyRows.getExecutionEnvironment()));
    }

    private static void sweep(DataStream<ParsedRow> historyRows, DataStream<ParsedRow> archiveRows, DetectionProfile profile,
                              PricingTable pricing, String baselineVersion, CostDayOwners owners, OrgSettings org,
                              GivenStarts starts, Sinks sinks, UsageEncoding encoding) {
        DataStream<UsageRecord> history = usable(historyRows, "history", sinks);
        DataStream<UsageRecord> archive = usable(archiveRows, "archive", sinks);
        DataStream<Baseline> baselines = baselines(history, profile, pricing, baselineVersion, owners);
        sinks.baselines(baselines);
        investigationOutputs(detect(baselines, withEventTime(archive), profile, pricing, true, org, starts, Long.MAX_VALUE,
                encoding), sinks);
    }

    /** Rejects found before the job (unreadable listings), as a stream to union with the rest. */
    public static DataStream<Reject> rejectsOf(StreamExecutionEnvironment env,
                                               java.util.List<Reject> rejects) {
        return env.fromData(rejects, org.apache.flink.api.common.typeinfo.TypeInformation.of(Reject.class)).name("listing-rejects");
    }
}
