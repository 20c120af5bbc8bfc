package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

import java.util.Arrays;

/** An INT64 column's chunk (counts and timestamps), written PLAIN. */
final class Int64ColumnChunk extends ColumnChunk {
    private long[] data = new long[1024];

    Int64ColumnChunk(ColumnDescriptor descriptor) {
        super(descriptor, 8);
    }

    @Override
    void addValue(Object v, int index) {
        if (index == data.length) data = Arrays.copyOf(data, index * 2);
        data[index] = ((Number) v).longValue();
    }

    @Override
    void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) {
        for (int i = from; i < to; i++) {
            out.writeLong(data[i]);
            stats.updateStats(data[i]);
        }
    }
}
