package io.keytrail.jobs.ingest;

import io.keytrail.flink.SplitRejects;
import io.keytrail.ingest.ParsedRow;
import io.keytrail.model.KeyEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Audit-log rows: key events out, rejects to {@link SplitRejects#REJECTS}, counted like usage rows. */
final class SplitEvents extends ProcessFunction<ParsedRow, KeyEvent> {
    private static final long serialVersionUID = 1L;
    private final String input;
    private transient LongCounter events;
    private transient LongCounter rejects;

    SplitEvents(String input) {
        this.input = input;
    }

    @Override
    public void open(OpenContext ctx) {
        events = getRuntimeContext().getLongCounter(SplitRejects.recordsCounter(input));
        rejects = getRuntimeContext().getLongCounter(SplitRejects.rejectsCounter(input));
    }

    @Override
    public void processElement(ParsedRow row, Context ctx, Collector<KeyEvent> out) {
        if (row.event != null) {
            events.add(1);
            out.collect(row.event);
        } else if (row.reject != null) {
            rejects.add(1);
            ctx.output(SplitRejects.REJECTS, row.reject);
        }
    }
}
