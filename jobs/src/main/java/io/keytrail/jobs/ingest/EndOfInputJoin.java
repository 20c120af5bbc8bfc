package io.keytrail.jobs.ingest;

import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * A keyed join of two usage streams resolved once a key's input has ended: both sides are buffered
 * and {@link #join} sees them all. BATCH only (timers fire at the end of each key's input there).
 */
abstract class EndOfInputJoin extends KeyedCoProcessFunction<String, UsageRecord, UsageRecord, UsageRecord> {
    private static final long serialVersionUID = 1L;
    private transient ListState<UsageRecord> first;
    private transient ListState<UsageRecord> second;

    @Override
    public void open(OpenContext ctx) throws Exception {
        first = getRuntimeContext().getListState(new ListStateDescriptor<>("first", UsageRecord.class));
        second = getRuntimeContext().getListState(new ListStateDescriptor<>("second", UsageRecord.class));
    }

    /** The key's records of both inputs, once all are in; emits the result. */
    protected abstract void join(List<UsageRecord> first, List<UsageRecord> second, Collector<UsageRecord> out);

    @Override
    public void processElement1(UsageRecord r, Context ctx, Collector<UsageRecord> out) throws Exception {
        first.add(r);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(UsageRecord r, Context ctx, Collector<UsageRecord> out) throws Exception {
        second.add(r);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<UsageRecord> out) throws Exception {
        List<UsageRecord> a = new ArrayList<>();
        first.get().forEach(a::add);
        List<UsageRecord> b = new ArrayList<>();
        second.get().forEach(b::add);
        first.clear();
        second.clear();
        join(a, b, out);
    }
}
