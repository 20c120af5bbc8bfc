package io.keytrail.flink;

import io.keytrail.ingest.ParsedRow;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes usable records on and sends rejects to {@link #REJECTS}, counting both per input. */
public class SplitRejects extends ProcessFunction<ParsedRow, UsageRecord> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("rejects", TypeInformation.of(Reject.class));

    private final String input;
    private transient LongCounter records;
    private transient LongCounter rejects;

    public SplitRejects(String input) {
        this.input = input;
    }

    public static String recordsCounter(String input) {
        return input + "-records";
    }

    public static String rejectsCounter(String input) {
        return input + "-rejects";
    }

    @Override
    public void open(OpenContext ctx) {
        records = getRuntimeContext().getLongCounter(recordsCounter(input));
        rejects = getRuntimeContext().getLongCounter(rejectsCounter(input));
    }

    @Override
    public void processElement(ParsedRow row, Context ctx, Collector<UsageRecord> out) {
        if (row.record != null) {
            records.add(1);
            out.collect(row.record);
        } else {
            rejects.add(1);
            ctx.output(REJECTS, row.reject);
        }
    }
}
