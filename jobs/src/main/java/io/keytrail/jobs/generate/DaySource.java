package io.keytrail.jobs.generate;

import io.keytrail.model.UsageRecord;

import java.util.function.Consumer;

/** Something that emits one generated day of usage at a time, in time order. */
interface DaySource {
    void day(int dayIndex, Consumer<UsageRecord> sink);
}
