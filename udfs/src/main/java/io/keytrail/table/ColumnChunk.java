package io.keytrail.table;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;

/**
 * One leaf column's values for the row group being buffered, written out as a Parquet column chunk:
 * an optional dictionary page, then version-1 data pages of at most {@link #PAGE_ROWS} rows, each with
 * its repetition and definition levels, its values, min/max statistics and Snappy compression.
 * Subclasses hold the values of one physical type; this class holds the levels: one entry per row for
 * a flat column, one per element (or one for an empty or null list) for a 3-level LIST.
 */
abstract class ColumnChunk {
    static final int PAGE_ROWS = 20_000;
    /** parquet-mr's default dictionary page size: past it, a chunk's dictionary no longer pays. */
    static final int MAX_DICTIONARY_BYTES = 1 << 20;

    final ColumnDescriptor descriptor;
    final PrimitiveType type;
    private final int maxDef;
    private final int maxRep;
    /** Bytes a buffered value takes, to bound a row group. */
    private final int valueBytes;
    // Levels per entry (only when the column has them), and where each row's entries start (lists only).
    private byte[] defs = new byte[0];
    private byte[] reps = new byte[0];
    private int[] rowStarts = new int[0];
    private int entries;
    int rows;
    int values;

    ColumnChunk(ColumnDescriptor descriptor, int valueBytes) {
        this.descriptor = descriptor;
        this.valueBytes = valueBytes;
        this.type = descriptor.getPrimitiveType();
        this.maxDef = descriptor.getMaxDefinitionLevel();
        this.maxRep = descriptor.getMaxRepetitionLevel();
    }

    /** Adds one row's cell: a value or null, or for a list column a collection or null. */
    final void add(Object v, String table) {
        if (maxRep > 0) {
            addList((Collection<?>) v, table);
        } else if (v == null) {
            if (maxDef == 0) throw required(table);
            entry(0, 0);
        } else {
            if (maxDef > 0) entry(0, maxDef);
            else entries++;
            addValue(v, values++);
        }
        rows++;
    }

    /** A 3-level LIST: the list is level {@code maxDef - 2} (0 when required), each element one deeper, a present element {@code maxDef}. */
    private void addList(Collection<?> list, String table) {
        if (rows == rowStarts.length) rowStarts = Arrays.copyOf(rowStarts, Math.max(1024, rows * 2));
        rowStarts[rows] = entries;
        int listLevel = maxDef - 2;
        if (list == null) {
            if (listLevel == 0) throw required(table);
            entry(0, 0);
        } else if (list.isEmpty()) {
            entry(0, listLevel);
        } else {
            int rep = 0;
            for (Object e : list) {
                if (e == null) {
                    entry(rep, listLevel + 1);
                } else {
                    entry(rep, maxDef);
                    addValue(e, values++);
                }
                rep = 1;
            }
        }
    }

    private void entry(int rep, int def) {
        if (entries == defs.length) {
            defs = Arrays.copyOf(defs, Math.max(1024, entries * 2));
            if (maxRep > 0) reps = Arrays.copyOf(reps, defs.length);
        }
        defs[entries] = (byte) def;
        if (maxRep > 0) reps[entries] = (byte) rep;
        entries++;
    }

    private IllegalArgumentException required(String table) {
        return new IllegalArgumentException("column " + table + "." + descriptor.getPath()[0] + " is required but null");
    }

    /** Stores the value as the {@code index}-th non-null value of the chunk. */
    abstract void addValue(Object v, int index);

    /** Chooses the encoding once all the chunk's values are in; writes nothing. */
    Encoding prepare() {
        return Encoding.PLAIN;
    }

    /** Writes the dictionary's entries PLAIN into {@code out} (emptied first) and returns how many; -1 when the chunk has none. */
    int dictionary(LittleEndianBytes out) {
        return -1;
    }

    /** Encodes the non-null values {@code [from, to)} after the page's levels, and counts them into the page's statistics. */
    abstract void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) throws IOException;

    /** Estimated bytes held, to bound a row group. */
    long bufferedBytes() {
        return (long) valueBytes * values + entries;
    }

    /** Forgets the row group's values, keeping the arrays. */
    void clear() {
        rows = 0;
        values = 0;
        entries = 0;
    }

    private int entryOf(int row) {
        if (row == rows) return entries;
        return maxRep > 0 ? rowStarts[row] : row;
    }

    final void writeTo(ParquetFileWriter w, LittleEndianBytes page, byte[][] compressed) throws IOException {
        Encoding encoding = prepare();
        w.startColumn(descriptor, entries, CompressionCodecName.SNAPPY);
        int dictionarySize = dictionary(page);
        if (dictionarySize >= 0) {
            BytesInput packed = compress(page.array(), page.size(), compressed);
            w.writeDictionaryPage(new DictionaryPage(packed, page.size(), dictionarySize, Encoding.PLAIN_DICTIONARY));
        }
        int value = 0;
        for (int from = 0; from < rows; from += PAGE_ROWS) {
            int to = Math.min(rows, from + PAGE_ROWS);
            int first = entryOf(from);
            int end = entryOf(to);
            int present = end - first;
            Statistics<?> stats = Statistics.createStats(type);
            page.reset();
            if (maxRep > 0) writeLevels(reps, first, end, maxRep, page);
            if (maxDef > 0) {
                present = 0;
                for (int e = first; e < end; e++) if (defs[e] == maxDef) present++;
                writeLevels(defs, first, end, maxDef, page);
                stats.incrementNumNulls(end - first - present);
            }
            encode(value, value + present, page, stats);
            value += present;
            BytesInput packed = compress(page.array(), page.size(), compressed);
            w.writeDataPage(end - first, page.size(), packed, stats, to - from,
                    maxRep > 0 ? Encoding.RLE : Encoding.BIT_PACKED, maxDef > 0 ? Encoding.RLE : Encoding.BIT_PACKED, encoding);
        }
        w.endColumn();
    }

    /** Levels as the RLE/bit-packed hybrid behind a 4-byte length, as version-1 pages carry them. */
    private static void writeLevels(byte[] levels, int from, int to, int max, LittleEndianBytes page) throws IOException {
        try (RunLengthBitPackingHybridEncoder rle = new RunLengthBitPackingHybridEncoder(
                BytesUtils.getWidthFromMaxInt(max), 1024, 64 * 1024, HeapByteBufferAllocator.getInstance())) {
            for (int e = from; e < to; e++) rle.writeInt(levels[e]);
            byte[] encoded = rle.toBytes().toByteArray();
            page.writeInt(encoded.length);
            page.write(encoded, 0, encoded.length);
        }
    }

    /** Dictionary ids of {@code [from, to)} as the hybrid encoding behind their bit width, as dictionary-encoded data pages carry them. */
    static void writeIds(int[] ids, int from, int to, int dictionarySize, LittleEndianBytes page) throws IOException {
        int width = BytesUtils.getWidthFromMaxInt(dictionarySize - 1);
        page.writeByte(width);
        try (RunLengthBitPackingHybridEncoder rle = new RunLengthBitPackingHybridEncoder(width, 1024, 64 * 1024, HeapByteBufferAllocator.getInstance())) {
            for (int i = from; i < to; i++) rle.writeInt(ids[i]);
            byte[] packed = rle.toBytes().toByteArray();
            page.write(packed, 0, packed.length);
        }
    }

    private static BytesInput compress(byte[] raw, int length, byte[][] scratch) throws IOException {
        int max = Snappy.maxCompressedLength(length);
        if (scratch[0].length < max) scratch[0] = new byte[max];
        int n = Snappy.rawCompress(raw, 0, length, scratch[0], 0);
        // ParquetFileWriter writes a page before it returns, so the scratch array can be reused.
        return BytesInput.from(scratch[0], 0, n);
    }
}
