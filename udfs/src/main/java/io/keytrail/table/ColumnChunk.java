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

/**
 * One flat column's values for the row group being buffered, written out as a Parquet column chunk:
 * an optional dictionary page, then version-1 data pages of at most {@link #PAGE_ROWS} rows, each
 * with its definition levels (nullable columns), its values, min/max statistics and Snappy
 * compression. Subclasses hold the values of one physical type.
 */
abstract class ColumnChunk {
    static final int PAGE_ROWS = 20_000;

    final ColumnDescriptor descriptor;
    final PrimitiveType type;
    private final boolean nullable;
    private byte[] defined = new byte[0];
    int rows;
    int values;

    /** Bytes a buffered value takes, to bound a row group. */
    private final int valueBytes;

    ColumnChunk(ColumnDescriptor descriptor, int valueBytes) {
        this.descriptor = descriptor;
        this.valueBytes = valueBytes;
        this.type = descriptor.getPrimitiveType();
        this.nullable = descriptor.getMaxDefinitionLevel() > 0;
    }

    final void add(Object v, String table) {
        if (nullable) {
            if (rows == defined.length) defined = Arrays.copyOf(defined, Math.max(1024, rows * 2));
            defined[rows] = (byte) (v == null ? 0 : 1);
        } else if (v == null) {
            throw new IllegalArgumentException("column " + table + "." + type.getName() + " is required but null");
        }
        rows++;
        if (v != null) {
            addValue(v, values++);
        }
    }

    /** Stores the value as the {@code index}-th non-null value of the chunk. */
    abstract void addValue(Object v, int index);

    /** Chooses the encoding once all the chunk's values are in; writes nothing. */
    Encoding prepare() {
        return Encoding.PLAIN;
    }

    /** The dictionary page (PLAIN entries, uncompressed), or null when the chunk has none. */
    DictionaryPage dictionary(LittleEndianBytes scratch) {
        return null;
    }

    /** Encodes the non-null values {@code [from, to)} after the page's levels, and counts them into the page's statistics. */
    abstract void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) throws IOException;

    /** Estimated bytes held, to bound a row group. */
    long bufferedBytes() {
        return (long) valueBytes * values;
    }

    /** Forgets the row group's values, keeping the arrays. */
    void clear() {
        rows = 0;
        values = 0;
    }

    final void writeTo(ParquetFileWriter w, LittleEndianBytes page, byte[][] compressed) throws IOException {
        Encoding encoding = prepare();
        w.startColumn(descriptor, rows, CompressionCodecName.SNAPPY);
        DictionaryPage dict = dictionary(page);
        if (dict != null) {
            byte[] raw = dict.getBytes().toByteArray();
            BytesInput packed = compress(raw, raw.length, compressed);
            w.writeDictionaryPage(new DictionaryPage(packed, raw.length, dict.getDictionarySize(), dict.getEncoding()));
        }
        int value = 0;
        for (int from = 0; from < rows; from += PAGE_ROWS) {
            int to = Math.min(rows, from + PAGE_ROWS);
            int present = to - from;
            Statistics<?> stats = Statistics.createStats(type);
            page.reset();
            if (nullable) {
                present = 0;
                for (int r = from; r < to; r++) present += defined[r];
                writeLevels(from, to, page);
                stats.incrementNumNulls(to - from - present);
            }
            encode(value, value + present, page, stats);
            value += present;
            BytesInput packed = compress(page.array(), page.size(), compressed);
            w.writeDataPage(to - from, page.size(), packed, stats, to - from,
                    Encoding.BIT_PACKED, nullable ? Encoding.RLE : Encoding.BIT_PACKED, encoding);
        }
        w.endColumn();
    }

    /** Definition levels (0 null, 1 present) as the RLE/bit-packed hybrid behind a 4-byte length, as version-1 pages carry them. */
    private void writeLevels(int from, int to, LittleEndianBytes page) throws IOException {
        try (RunLengthBitPackingHybridEncoder rle = new RunLengthBitPackingHybridEncoder(1, 1024, 64 * 1024, HeapByteBufferAllocator.getInstance())) {
            for (int r = from; r < to; r++) rle.writeInt(defined[r]);
            byte[] levels = rle.toBytes().toByteArray();
            page.writeInt(levels.length);
            page.write(levels, 0, levels.length);
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
