package io.keytrail.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes chosen flat columns of a Parquet file without building rows or objects: every cell is read
 * as its physical value (long, int, double, bytes) and folded into a checksum. What reading the
 * columns costs at the least (the benchmark's floor). Columns the file lacks are skipped.
 */
public final class ParquetColumnScan {
    private ParquetColumnScan() {}

    /** Rows scanned, and a checksum of the cells so the JIT cannot skip the reads. */
    public record Result(long rows, long checksum) {}

    public static Result scan(org.apache.flink.core.fs.Path file, List<String> columns) throws IOException {
        try (ParquetFileReader reader = ParquetFiles.open(new FlinkInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String c : columns) if (schema.containsField(c)) fields.add(schema.getType(c));
            MessageType projection = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projection);
            List<ColumnDescriptor> descs = projection.getColumns();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            long rows = 0, sum = 0;
            PageReadStore rg;
            while ((rg = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg, NoOpConverter.forSchema(projection), projection, createdBy);
                long n = rg.getRowCount();
                for (ColumnDescriptor d : descs) {
                    ColumnReader r = store.getColumnReader(d);
                    int maxDef = d.getMaxDefinitionLevel();
                    for (long i = 0; i < n; i++) {
                        if (r.getCurrentDefinitionLevel() == maxDef) sum += cell(r, d);
                        r.consume();
                    }
                }
                rows += n;
            }
            return new Result(rows, sum);
        }
    }

    private static long cell(ColumnReader r, ColumnDescriptor d) {
        switch (d.getPrimitiveType().getPrimitiveTypeName()) {
            case INT64: return r.getLong();
            case INT32: return r.getInteger();
            case DOUBLE: return Double.doubleToRawLongBits(r.getDouble());
            case FLOAT: return Float.floatToRawIntBits(r.getFloat());
            case BOOLEAN: return r.getBoolean() ? 1 : 0;
            default: return r.getBinary().length();
        }
    }
}
