package io.keytrail.flink;

import io.keytrail.baseline.BaselineWindow;
import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/** Keeps the history records inside a {@link BaselineWindow}, counting the ones it leaves out. */
public class WindowFilter extends RichFilterFunction<UsageRecord> {
    private static final long serialVersionUID = 1L;
    public static final String LEFT_OUT = "history-records-outside-window";

    private final BaselineWindow window;
    private transient LongCounter leftOut;

    public WindowFilter(BaselineWindow window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext ctx) {
        leftOut = getRuntimeContext().getLongCounter(LEFT_OUT);
    }

    @Override
    public boolean filter(UsageRecord r) {
        boolean keep = window.keeps(r);
        if (!keep) leftOut.add(1);
        return keep;
    }
}
