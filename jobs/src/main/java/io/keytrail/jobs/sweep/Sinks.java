package io.keytrail.jobs.sweep;

import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.HourlyUsage;
import io.keytrail.model.Incident;
import io.keytrail.model.Ioc;
import io.keytrail.model.Reject;
import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.TimelineEntry;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the pipeline's outputs go: Parquet tables in a run, collectors in tests. */
public interface Sinks {
    void baselines(DataStream<Baseline> baselines);

    void alerts(DataStream<Alert> alerts);

    void rejects(DataStream<Reject> rejects);

    void timelines(DataStream<TimelineEntry> timelines);

    void incidents(DataStream<Incident> incidents);

    void scope(DataStream<ScopeAssessment> scope);

    void iocs(DataStream<Ioc> iocs);

    void hourly(DataStream<HourlyUsage> hourly);
}
