package io.keytrail.jobs.stream;

import io.keytrail.ingest.ParsedRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * `stream --max-rate N`: at most N messages a second over the job (each subtask its share), so that a
 * backfill from a topic does not swamp the sinks. It paces by sleeping, which backpressures the
 * source: nothing is dropped. Wall-clock time only paces; it never enters detection.
 */
public final class RateLimit extends RichMapFunction<ParsedRow, ParsedRow> {
    private static final long serialVersionUID = 1L;

    private final double perSecond;
    private transient double perSubtask;
    private transient long started;
    private transient long count;

    public RateLimit(double perSecond) {
        this.perSecond = perSecond;
    }

    @Override
    public void open(OpenContext ctx) {
        perSubtask = perSecond / getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        started = System.nanoTime();
        count = 0;
    }

    @Override
    public ParsedRow map(ParsedRow row) throws InterruptedException {
        count++;
        long due = started + (long) (count / perSubtask * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        return row;
    }
}
