package io.keytrail.jobs.ingest;

import io.keytrail.ingest.ParsedRow;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts the values that held a full API key and were masked before storage. */
final class CountMasked extends RichMapFunction<ParsedRow, ParsedRow> {
    private static final long serialVersionUID = 1L;
    static final String COUNTER = "masked-values";
    private transient LongCounter masked;

    @Override
    public void open(OpenContext ctx) {
        masked = getRuntimeContext().getLongCounter(COUNTER);
    }

    @Override
    public ParsedRow map(ParsedRow row) {
        if (row.masked > 0) masked.add(row.masked);
        return row;
    }
}
