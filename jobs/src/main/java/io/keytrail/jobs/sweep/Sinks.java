package io.keytrail.jobs.sweep;

import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.Reject;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the pipeline's outputs go: Parquet tables in a run, collectors in tests. */
public interface Sinks {
    void baselines(DataStream<Baseline> baselines);

    void alerts(DataStream<Alert> alerts);

    void rejects(DataStream<Reject> rejects);
}
