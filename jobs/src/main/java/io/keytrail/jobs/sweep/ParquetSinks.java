package io.keytrail.jobs.sweep;

import io.keytrail.jobs.output.OutputDir;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
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

/** Writes each output into its table's staging directory; rejects from several streams go to one table. */
public final class ParquetSinks implements Sinks {
    private final OutputDir out;
    private final List<DataStream<Reject>> rejectStreams = new ArrayList<>();

    public ParquetSinks(OutputDir out) {
        this.out = out;
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

    /** Call once all streams are wired: unions the rejects into their table. */
    public void finish() {
        if (rejectStreams.isEmpty()) return;
        DataStream<Reject> all = rejectStreams.get(0);
        for (int i = 1; i < rejectStreams.size(); i++) all = all.union(rejectStreams.get(i));
        sink(all, Tables.REJECTS);
    }

    private <T> void sink(DataStream<T> stream, TableSchema<T> schema) {
        FileSink<T> sink = FileSink.forBulkFormat(out.stagingTable(schema.name), new ParquetRowWriter<>(schema))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        stream.sinkTo(sink).name("write-" + schema.name).uid("write-" + schema.name);
    }
}
