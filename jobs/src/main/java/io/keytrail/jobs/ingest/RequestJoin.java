package io.keytrail.jobs.ingest;

import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * Joins Bedrock CloudTrail events (input 1: key id, IP, user agent, status) with model invocation
 * log records (input 2: tokens) on the request id, so one record carries both. Unmatched records of
 * either side pass through unchanged. BATCH only: each request id is resolved when its input ends.
 */
final class RequestJoin extends EndOfInputJoin {
    private static final long serialVersionUID = 1L;
    static final String JOINED = "requests-joined";
    private transient LongCounter joined;

    /** The request id, or a key unique to the record when it has none (so it passes through alone). */
    static final class ByRequest implements KeySelector<UsageRecord, String> {
        private static final long serialVersionUID = 1L;
        private final String side;

        ByRequest(String side) {
            this.side = side;
        }

        @Override
        public String getKey(UsageRecord r) {
            return r.requestId != null ? "id:" + r.requestId : side + ":" + r.seq;
        }
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        super.open(ctx);
        joined = getRuntimeContext().getLongCounter(JOINED);
    }

    @Override
    protected void join(List<UsageRecord> ev, List<UsageRecord> inv, Collector<UsageRecord> out) {
        if (ev.size() == 1 && inv.size() == 1) {
            joined.add(1);
            out.collect(join(ev.get(0), inv.get(0)));
            return;
        }
        ev.forEach(out::collect);
        inv.forEach(out::collect);
    }

    /** The CloudTrail record with the invocation's tokens (and its model when CloudTrail had none). */
    static UsageRecord join(UsageRecord event, UsageRecord invocation) {
        event.inputTokens = invocation.inputTokens;
        event.outputTokens = invocation.outputTokens;
        if (event.model == null || event.model.isEmpty()) event.model = invocation.model;
        if (event.errorCode == null && invocation.errorCode != null) {
            event.errorCode = invocation.errorCode;
            event.statusCode = invocation.statusCode;
        }
        return event;
    }
}
