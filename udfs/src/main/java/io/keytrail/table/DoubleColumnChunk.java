package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

import java.util.Arrays;

/** A DOUBLE column's chunk, written PLAIN (IEEE 754 bits, NaN canonical, as parquet-mr writes them). */
final class DoubleColumnChunk extends ColumnChunk {
    private double[] data = new double[1024];

    DoubleColumnChunk(ColumnDescriptor descriptor) {
        super(descriptor, 8);
    }

    @Override
    void addValue(Object v, int index) {
        if (index == data.length) data = Arrays.copyOf(data, index * 2);
        data[index] = ((Number) v).doubleValue();
    }

    @Override
    void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) {
        for (int i = from; i < to; i++) {
            out.writeLong(Double.doubleToLongBits(data[i]));
            stats.updateStats(data[i]);
        }
    }
}
