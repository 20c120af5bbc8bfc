package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

import java.util.Arrays;

/** A BOOLEAN column's chunk, written PLAIN: one bit per value, least significant bit first. */
final class BooleanColumnChunk extends ColumnChunk {
    private boolean[] data = new boolean[1024];

    BooleanColumnChunk(ColumnDescriptor descriptor) {
        super(descriptor, 1);
    }

    @Override
    void addValue(Object v, int index) {
        if (index == data.length) data = Arrays.copyOf(data, index * 2);
        data[index] = (Boolean) v;
    }

    @Override
    void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) {
        int bits = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (data[i]) bits |= 1 << n;
            stats.updateStats(data[i]);
            if (++n == 8) {
                out.writeByte(bits);
                bits = 0;
                n = 0;
            }
        }
        if (n > 0) out.writeByte(bits);
    }
}
