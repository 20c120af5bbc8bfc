package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

import java.util.Arrays;

/** An INT32 column's chunk, written PLAIN. */
final class Int32ColumnChunk extends ColumnChunk {
    private int[] data = new int[1024];

    Int32ColumnChunk(ColumnDescriptor descriptor) {
        super(descriptor, 4);
    }

    @Override
    void addValue(Object v, int index) {
        if (index == data.length) data = Arrays.copyOf(data, index * 2);
        data[index] = ((Number) v).intValue();
    }

    @Override
    void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) {
        for (int i = from; i < to; i++) {
            out.writeInt(data[i]);
            stats.updateStats(data[i]);
        }
    }
}
