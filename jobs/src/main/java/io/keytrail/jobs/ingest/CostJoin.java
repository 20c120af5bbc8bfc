package io.keytrail.jobs.ingest;

import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills cost_usd on usage rows from a daily cost export: per key (or workspace), model and UTC day,
 * the day's cost is spread over that day's usage rows without a cost, in proportion to their tokens
 * (or their requests when they have no tokens). A cost with no matching usage is kept as a daily cost
 * row. BATCH only: the work is done when the key's input ends (timers fire at the end of time).
 */
final class CostJoin extends EndOfInputJoin {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MICROS = 86_400_000_000L;
    private transient LongCounter priced;
    private transient LongCounter kept;
    static final String PRICED = "usage-rows-priced";
    static final String KEPT = "cost-rows-kept";

    /** key | model | UTC day. */
    static final class JoinKey implements KeySelector<UsageRecord, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(UsageRecord r) {
            return r.groupKey() + "|" + r.model + "|" + Math.floorDiv(r.tsMicros, DAY_MICROS);
        }
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        super.open(ctx);
        priced = getRuntimeContext().getLongCounter(PRICED);
        kept = getRuntimeContext().getLongCounter(KEPT);
    }

    @Override
    protected void join(List<UsageRecord> rows, List<UsageRecord> costRows, Collector<UsageRecord> out) {
        List<UsageRecord> filled = fill(rows, costRows);
        if (!costRows.isEmpty()) {
            if (filled.size() > rows.size()) kept.add(costRows.size());
            else for (UsageRecord r : rows) if (r.hasCost()) priced.add(1);
        }
        for (UsageRecord r : filled) out.collect(r);
    }

    /** The usage rows with costs filled, or the cost rows themselves when no usage row can take them. */
    static List<UsageRecord> fill(List<UsageRecord> rows, List<UsageRecord> costRows) {
        double total = 0;
        for (UsageRecord c : costRows) total += c.costUsd;
        double weight = 0;
        boolean byTokens = false;
        for (UsageRecord r : rows) if (!r.hasCost() && r.inputTokens + r.outputTokens > 0) byTokens = true;
        for (UsageRecord r : rows) if (!r.hasCost()) weight += byTokens ? r.inputTokens + r.outputTokens : r.requestCount;
        if (costRows.isEmpty()) return rows;
        if (weight == 0) {
            List<UsageRecord> all = new ArrayList<>(rows);
            all.addAll(costRows);
            return all;
        }
        for (UsageRecord r : rows) {
            if (r.hasCost()) continue;
            double w = byTokens ? r.inputTokens + r.outputTokens : r.requestCount;
            r.costUsd = total * w / weight;
        }
        return rows;
    }
}
