package io.keytrail.jobs.stream;

import io.keytrail.ingest.ParsedRow;
import org.apache.flink.api.common.functions.MapFunction;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Testing aid (`stream --fail-after-records N`): fails the job once after N records, so tests can
 * show that a restore from the last checkpoint loses and duplicates nothing. Once per JVM.
 */
public final class FailureInjector implements MapFunction<ParsedRow, ParsedRow> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong SEEN = new AtomicLong();

    private final long after;

    public FailureInjector(long after) {
        this.after = after;
    }

    public static void reset() {
        FAILED.set(false);
        SEEN.set(0);
    }

    @Override
    public ParsedRow map(ParsedRow row) {
        if (SEEN.incrementAndGet() > after && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after " + after + " records (--fail-after-records)");
        }
        return row;
    }
}
