package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a table column by column: rows are buffered into typed arrays for a row group (list columns as
 * repetition and definition levels plus their elements), then each column is encoded a page at a time and
 * handed to parquet-mr's {@link ParquetFileWriter} (file layout, footer, page checksums, column and offset
 * indexes).
 *
 * <p>Why not parquet-mr's record writer: it pushes every cell through the record consumer's per-field
 * bookkeeping, hashes each string's bytes into its dictionary for every row and updates statistics per
 * value; for the sweep's 1.25 M timeline rows that was about 40 % of the detect threads. The files hold
 * the same schema and values, encoded as parquet-mr encodes them: a dictionary per column chunk unless
 * the column is a timestamp or near-unique, or the dictionary would pass 1 MB (numbers: or would not make
 * the chunk smaller), Snappy pages with min/max statistics.
 */
public final class ColumnarParquetWriter<T> implements Closeable {
    static final int ROW_GROUP_ROWS = 1 << 17;
    static final long ROW_GROUP_BYTES = 64L << 20;

    private final TableSchema<T> schema;
    private final List<Column<T>> columns;
    private final ColumnChunk[] chunks;
    private final ParquetFileWriter file;
    private final LittleEndianBytes page = new LittleEndianBytes();
    private final byte[][] compressed = {new byte[1 << 16]};
    private int rows;

    public ColumnarParquetWriter(OutputFile out, TableSchema<T> schema) throws IOException {
        this.schema = schema;
        this.columns = schema.columns();
        MessageType type = schema.parquetSchema();
        List<ColumnDescriptor> descriptors = type.getColumns();
        this.chunks = new ColumnChunk[columns.size()];
        for (int i = 0; i < chunks.length; i++) chunks[i] = chunk(columns.get(i), descriptors.get(i));
        // Parquet-mr's defaults: 64-byte column index bounds, whole statistics, page checksums.
        this.file = new ParquetFileWriter(out, type, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, 0, 64, Integer.MAX_VALUE, true);
        file.start();
    }

    private ColumnChunk chunk(Column<T> c, ColumnDescriptor d) {
        switch (c.type) {
            case STRING: return new StringColumnChunk(d, schema.isNearUnique(c.name));
            case STRING_LIST: return new StringColumnChunk(d, false);
            case INT32:
            case INT_LIST: return new NumberColumnChunk(d, NumberColumnChunk.Kind.INT32, !schema.isNearUnique(c.name));
            case INT64: return new NumberColumnChunk(d, NumberColumnChunk.Kind.INT64, !schema.isNearUnique(c.name));
            case TIMESTAMP: return new NumberColumnChunk(d, NumberColumnChunk.Kind.INT64, false);
            case DOUBLE: return new NumberColumnChunk(d, NumberColumnChunk.Kind.DOUBLE, !schema.isNearUnique(c.name));
            case BOOLEAN: return new BooleanColumnChunk(d);
            default: throw new IllegalStateException("unhandled " + c.type);
        }
    }

    public void write(T row) throws IOException {
        for (int i = 0; i < chunks.length; i++) chunks[i].add(columns.get(i).getter.get(row), schema.name);
        rows++;
        if (rows == ROW_GROUP_ROWS || (rows & 1023) == 0 && bufferedBytes() > ROW_GROUP_BYTES) flushRowGroup();
    }

    private long bufferedBytes() {
        long bytes = 0;
        for (ColumnChunk c : chunks) bytes += c.bufferedBytes();
        return bytes;
    }

    private void flushRowGroup() throws IOException {
        file.startBlock(rows);
        for (ColumnChunk c : chunks) {
            c.writeTo(file, page, compressed);
            c.clear();
        }
        file.endBlock();
        rows = 0;
    }

    /** Writes the last row group and the footer, and closes the output. */
    @Override
    public void close() throws IOException {
        if (rows > 0) flushRowGroup();
        file.end(Map.of("writer.model.name", "keytrail"));
    }
}
