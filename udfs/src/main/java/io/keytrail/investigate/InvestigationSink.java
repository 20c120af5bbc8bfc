package io.keytrail.investigate;

import io.keytrail.model.HourlyUsage;
import io.keytrail.model.Incident;
import io.keytrail.model.Ioc;
import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.TimelineEntry;

/** Where a key's investigation outputs go (Flink side outputs, or lists in tests). */
public interface InvestigationSink {
    void timeline(TimelineEntry e);

    void incident(Incident i);

    void scope(ScopeAssessment s);

    void ioc(Ioc i);

    void hourly(HourlyUsage h);
}
