package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

import java.io.IOException;
import java.util.Arrays;

/**
 * An INT32, INT64 (counts and timestamps) or DOUBLE column's chunk. Values are held as long bits (a
 * double as {@link Double#doubleToLongBits}, NaN canonical, as parquet-mr writes it). Repetitive columns
 * get a dictionary when it makes the chunk smaller, as parquet-mr's writer decides; timestamps and
 * near-unique columns are written PLAIN.
 */
final class NumberColumnChunk extends ColumnChunk {
    enum Kind {
        INT32(4), INT64(8), DOUBLE(8);

        final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }
    }

    private final Kind kind;
    private final boolean dictionaryWanted;
    private final NumberDictionary dictionary = new NumberDictionary();
    private boolean dictionaryUsed;
    private long[] bits = new long[1024];

    NumberColumnChunk(ColumnDescriptor descriptor, Kind kind, boolean dictionaryWanted) {
        super(descriptor, kind.bytes);
        this.kind = kind;
        this.dictionaryWanted = dictionaryWanted;
    }

    @Override
    void addValue(Object v, int index) {
        if (index == bits.length) bits = Arrays.copyOf(bits, index * 2);
        Number n = (Number) v;
        switch (kind) {
            case INT32: bits[index] = n.intValue(); break;
            case INT64: bits[index] = n.longValue(); break;
            default: bits[index] = Double.doubleToLongBits(n.doubleValue());
        }
    }

    @Override
    Encoding prepare() {
        dictionaryUsed = dictionaryWanted && dictionary.build(bits, values, kind.bytes, MAX_DICTIONARY_BYTES);
        return dictionaryUsed ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN;
    }

    @Override
    int dictionary(LittleEndianBytes out) {
        if (!dictionaryUsed) return -1;
        out.reset();
        for (int id = 0; id < dictionary.size(); id++) writePlain(dictionary.entry(id), out);
        return dictionary.size();
    }

    @Override
    void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) throws IOException {
        if (dictionaryUsed) {
            writeIds(dictionary.ids, from, to, dictionary.size(), out);
        } else {
            for (int i = from; i < to; i++) writePlain(bits[i], out);
        }
        switch (kind) {
            case INT32: for (int i = from; i < to; i++) stats.updateStats((int) bits[i]); break;
            case INT64: for (int i = from; i < to; i++) stats.updateStats(bits[i]); break;
            default: for (int i = from; i < to; i++) stats.updateStats(Double.longBitsToDouble(bits[i]));
        }
    }

    private void writePlain(long v, LittleEndianBytes out) {
        if (kind == Kind.INT32) out.writeInt((int) v);
        else out.writeLong(v);
    }

    @Override
    void clear() {
        super.clear();
        dictionary.clear();
        dictionaryUsed = false;
    }
}
