package io.keytrail.jobs.sweep;

import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.HourlyUsage;
import io.keytrail.model.Incident;
import io.keytrail.model.Ioc;
import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.TimelineEntry;
import io.keytrail.model.Reject;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.TableSchema;
import io.keytrail.table.Tables;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes each output as a Parquet table; rejects from several streams go to one table. A bounded job
 * (sweep, baseline, ingest) writes each subtask's file whole at the end of its input
 * ({@link EndOfInputParquetSink}), into staging directories that are swapped in after the job; a stream
 * writes into the tables directly, where FileSink finalises files on checkpoints (in-progress files are
 * hidden).
 */
public final class ParquetSinks implements Sinks {
    private final java.util.function.Function<String, org.apache.flink.core.fs.Path> location;
    private final boolean bounded;
    private final List<DataStream<Reject>> rejectStreams = new ArrayList<>();
    /** Each table once: two sinks into one directory would write the same part files. */
    private final java.util.Set<String> written = new java.util.HashSet<>();

    /** The tables of a bounded job, staged in {@code out}. */
    public ParquetSinks(OutputDir out) {
        this(out::stagingTable, true);
    }

    /** The tables of a bounded job, wherever {@code location} puts them. */
    public ParquetSinks(java.util.function.Function<String, org.apache.flink.core.fs.Path> location) {
        this(location, true);
    }

    private ParquetSinks(java.util.function.Function<String, org.apache.flink.core.fs.Path> location, boolean bounded) {
        this.location = location;
        this.bounded = bounded;
    }

    /** Tables written in place under {@code root} by an unbounded job (streaming). */
    public static ParquetSinks direct(OutputDir out) {
        return new ParquetSinks(out::table, false);
    }

    @Override
    public void baselines(DataStream<Baseline> baselines) {
        sink(baselines, Tables.BASELINES);
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        sink(alerts, Tables.ALERTS);
    }

    /** Canonical usage records (ingest). */
    public void usage(DataStream<io.keytrail.model.UsageRecord> usage) {
        sink(usage, Tables.USAGE);
    }

    /** Key lifecycle events (ingest of audit logs). */
    public void keyEvents(DataStream<io.keytrail.model.KeyEvent> events) {
        sink(events, Tables.KEY_EVENTS);
    }

    @Override
    public void rejects(DataStream<Reject> rejects) {
        rejectStreams.add(rejects);
    }

    @Override
    public void timelines(DataStream<TimelineEntry> timelines) {
        sink(timelines, Tables.TIMELINES);
    }

    @Override
    public void incidents(DataStream<Incident> incidents) {
        sink(incidents, Tables.INCIDENTS);
    }

    @Override
    public void scope(DataStream<ScopeAssessment> scope) {
        sink(scope, Tables.SCOPE);
    }

    @Override
    public void iocs(DataStream<Ioc> iocs) {
        sink(iocs, Tables.IOCS);
    }

    @Override
    public void hourly(DataStream<HourlyUsage> hourly) {
        sink(hourly, Tables.USAGE_HOURLY);
    }

    /** Call once all streams are wired: unions the rejects into their table. */
    public void finish() {
        if (rejectStreams.isEmpty()) return;
        DataStream<Reject> all = rejectStreams.get(0);
        for (int i = 1; i < rejectStreams.size(); i++) all = all.union(rejectStreams.get(i));
        sink(all, Tables.REJECTS);
    }

    public <T> void sink(DataStream<T> stream, TableSchema<T> schema) {
        if (!written.add(schema.name)) throw new IllegalStateException("table " + schema.name + " is already written by this job");
        if (bounded) {
            stream.sinkTo(new EndOfInputParquetSink<>(location.apply(schema.name), new ParquetRowWriter<>(schema)))
                    .name("write-" + schema.name).uid("write-" + schema.name);
            return;
        }
        FileSink<T> sink = FileSink.forBulkFormat(location.apply(schema.name), new ParquetRowWriter<>(schema))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        stream.sinkTo(sink).name("write-" + schema.name).uid("write-" + schema.name);
    }
}
