package io.keytrail.jobs.stream;

import io.keytrail.flink.DetectionFunction;
import io.keytrail.ingest.ParsedRow;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.ingest.provider.ProviderFormats;
import io.keytrail.ingest.provider.ProviderParser;
import io.keytrail.investigate.GivenStarts;
import io.keytrail.investigate.OrgSettings;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Durations;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.jobs.run.DetectionSettings;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.jobs.run.JobProgress;
import io.keytrail.jobs.sweep.CompromiseStarts;
import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.jobs.sweep.ParquetSinks;
import io.keytrail.jobs.sweep.SweepPipeline;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretRules;
import io.keytrail.table.Tables;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * `keytrail stream`: usage from Kafka through the sweep's keyed functions, in event time; alerts to a
 * Kafka topic (OCSF, exactly once) and every table to Parquet, finalised on checkpoints.
 */
public final class StreamCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public StreamCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String summary() {
        return "Monitor live usage from Kafka with the sweep's keyed functions (STREAMING): alerts to Kafka (OCSF, exactly once) and Parquet.";
    }

    @Override
    public Options options() {
        return DetectionSettings.declare(new Options(name(), summary()))
                .value("bootstrap-servers", "HOST:PORT", null, "Kafka bootstrap servers (required)")
                .value("topic", "TOPIC", null, "topic of JSON usage records (required)")
                .value("format", "FORMAT", "canonical", "message format: canonical, or a provider format of `ingest` (one document per message)")
                .value("baselines", "DIR", null, "baselines table from `sweep` (OUT/baselines or OUT) (required)")
                .value("out", "DIR", "out-stream", "output directory for the Parquet tables, late and rejects")
                .value("alerts-topic", "TOPIC", null, "also write alerts to this topic as OCSF Detection Findings (exactly once)")
                .value("group-id", "ID", "keytrail", "Kafka consumer group")
                .value("checkpoint-dir", "DIR", "OUT/_checkpoints", "checkpoint storage (any Flink file system URI)")
                .value("checkpoint-interval", "DURATION", "10s", "how often state, files and Kafka transactions are committed")
                .value("state-backend", "hashmap|rocksdb", "hashmap", "keyed state backend")
                .value("out-of-orderness", "DURATION", "30m", "how late usage may arrive (providers deliver 5 to 30 minutes late)")
                .value("max-ahead", "DURATION", "1d", "reject a record whose timestamp is further ahead of its Kafka message's timestamp "
                        + "(a far-future record would stall detection for its partition; 0s: no limit)")
                .value("idleness", "DURATION", "0s", "a partition without records for this long stops holding event time back (0s: never; see README)")
                .flag("bounded", "stop at the offsets that were latest when the job started (tests, backfills)")
                .value("baseline-poll", "DURATION", "1m", "how often a snapshot directory (from `baseline`) is checked for a new snapshot")
                .value("parallelism", "N", String.valueOf(FlinkEnvironments.defaultParallelism()), "Flink parallelism")
                .value("max-rate", "N", "0", "read at most N messages a second (a backfill that must not swamp the sinks; 0: no limit)")
                .value("fail-after-records", "N", null, "(testing) fail the job once after N records, to exercise recovery");
    }

    @Override
    public int run(Options o) throws Exception {
        for (String required : List.of("bootstrap-servers", "topic", "baselines")) {
            if (!o.has(required)) throw new UsageException("stream: --" + required + " is required (see stream --help)");
        }
        String format = o.get("format");
        if (!format.equals("canonical")) {
            ProviderParser probe = ProviderFormats.create(format, new UsageNormalizer(KeyMasker.defaults()));
            if (probe == null) throw new UsageException("stream: unknown --format " + format + " (" + String.join(", ", ProviderFormats.names()) + ")");
            if (probe.keyEvents() || probe.costs()) throw new UsageException("stream: --format " + format + " is not usage; ingest it in batch");
        }
        DetectionSettings settings = DetectionSettings.load("stream", o);
        DetectionProfile profile = settings.profile();
        PricingTable pricing = settings.pricing();
        KeyMasker masker = settings.masker();
        OrgSettings org = settings.org();
        GivenStarts starts = settings.starts();
        Duration lateness = Durations.parse("out-of-orderness", o.get("out-of-orderness"));
        Duration idleness = Durations.parse("idleness", o.get("idleness"));
        Duration maxAhead = Durations.parse("max-ahead", o.get("max-ahead"));
        Duration interval = Durations.parse("checkpoint-interval", o.get("checkpoint-interval"));
        String backend = o.get("state-backend");
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) throw new UsageException("stream: --state-backend must be hashmap or rocksdb");
        int parallelism = o.intValue("parallelism", 1);

        Path outRoot = InputFiles.toPath(o.get("out"));
        List<Baseline> baselines = BaselineSnapshot.read(InputFiles.toPath(o.get("baselines")));
        if (baselines.isEmpty()) throw new UsageException("stream: no baselines under " + o.get("baselines") + " (run `keytrail sweep` first)");
        String checkpoints = o.get("checkpoint-dir").equals("OUT/_checkpoints")
                ? new Path(outRoot, "_checkpoints").toString() : InputFiles.toPath(o.get("checkpoint-dir")).toString();

        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = FlinkEnvironments.create(RuntimeExecutionMode.STREAMING, parallelism, conf);

        KafkaSource<ParsedRow> source = buildSource(o, masker, maxAhead.toMillis());
        WatermarkStrategy<ParsedRow> watermarks = WatermarkStrategy.<ParsedRow>forBoundedOutOfOrderness(lateness)
                .withTimestampAssigner((row, t) -> KafkaUsageDeserializer.timestampOf(row));
        if (!idleness.isZero()) watermarks = watermarks.withIdleness(idleness);
        DataStream<ParsedRow> rows = env.fromSource(source, watermarks, "kafka-usage").uid("source-kafka-usage");
        long maxRate = o.longValue("max-rate", 0);
        if (maxRate > 0) rows = rows.map(new RateLimit(maxRate)).name("max-rate");
        if (o.has("fail-after-records")) {
            rows = rows.map(new FailureInjector(o.longValue("fail-after-records", 0))).name("failure-injector");
        }
        OutputDir dir = new OutputDir(outRoot, "stream");
        dir.ensureReadable(List.of(Tables.ALERTS, Tables.TIMELINES, Tables.INCIDENTS, Tables.SCOPE, Tables.IOCS,
                Tables.USAGE_HOURLY, Tables.REJECTS, Tables.LATE));
        ParquetSinks sinks = ParquetSinks.direct(dir);
        DataStream<UsageRecord> usage = SweepPipeline.usable(rows, "stream", sinks);
        DataStream<Baseline> baselineStream = env.fromData(baselines, TypeInformation.of(Baseline.class)).name("baselines-snapshot");
        Path baselineDir = InputFiles.toPath(o.get("baselines"));
        if (!o.flag("bounded") && BaselineSnapshot.isSnapshotDir(baselineDir)) {
            // The weekly refresh: snapshots that `baseline` adds later reach the running job. The source is
            // idle between snapshots, so it never holds event time back.
            FileSource<Baseline> refreshes = FileSource.forBulkFileFormat(new BaselineFileFormat(), baselineDir)
                    .monitorContinuously(Durations.parse("baseline-poll", o.get("baseline-poll"))).build();
            baselineStream = baselineStream.union(env.fromSource(refreshes, WatermarkStrategy.<Baseline>forMonotonousTimestamps()
                    .withTimestampAssigner((b, t) -> Long.MIN_VALUE).withIdleness(Duration.ofSeconds(5)), "baseline-snapshots")
                    .uid("source-baseline-snapshots"));
        }
        SingleOutputStreamOperator<Alert> detected = SweepPipeline.detect(baselineStream, usage, profile, pricing, false, org, starts,
                lateness.toMillis());
        SweepPipeline.investigationOutputs(detected, sinks);
        sinks.sink(detected.getSideOutput(DetectionFunction.LATE), Tables.LATE);
        sinks.finish();
        if (o.has("alerts-topic")) {
            detected.sinkTo(KafkaSink.<Alert>builder()
                    .setBootstrapServers(o.get("bootstrap-servers"))
                    .setRecordSerializer(new OcsfAlertRecords(o.get("alerts-topic")))
                    .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix("keytrail-" + o.get("group-id") + "-" + o.get("alerts-topic"))
                    .setProperty("transaction.timeout.ms", "600000")
                    .build()).name("alerts-to-kafka").uid("alerts-to-kafka");
        }
        err.printf("keytrail stream: %s topic %s, %d baselines, profile %s, out-of-orderness %s, checkpoints every %s in %s%s%n",
                o.get("bootstrap-servers"), o.get("topic"), baselines.size(), profile.name, o.get("out-of-orderness"),
                o.get("checkpoint-interval"), checkpoints, o.flag("bounded") ? ", bounded" : "");
        JobExecutionResult result = JobProgress.run(env, "keytrail stream " + o.get("topic"), err, List.of("stream-records"));
        Map<String, Object> acc = result.getAllAccumulatorResults();
        out.printf("KeyTrail stream, profile %s -> %s%n", profile.name, o.get("out"));
        out.printf("  records    %,d read, %,d rejected, %,d late%n", count(acc, "stream-records"), count(acc, "stream-rejects"),
                count(acc, DetectionFunction.LATE_RECORDS));
        return 0;
    }

    private KafkaSource<ParsedRow> buildSource(Options o, KeyMasker masker, long maxAheadMillis) {
        var b = KafkaSource.<ParsedRow>builder()
                .setBootstrapServers(o.get("bootstrap-servers"))
                .setTopics(o.get("topic"))
                .setGroupId(o.get("group-id"))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaUsageDeserializer(new UsageNormalizer(masker), o.get("format").equals("canonical")
                        ? null : ProviderFormats.create(o.get("format"), new UsageNormalizer(masker)),
                        maxAheadMillis))
                .setProperty("isolation.level", "read_committed");
        if (o.flag("bounded")) b.setBounded(OffsetsInitializer.latest());
        return b.build();
    }

    static long count(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

}
