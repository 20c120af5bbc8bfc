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
import java.util.function.Consumer;

/**
 * Reads chosen columns of a Parquet file as Object[] rows (for summaries, reports and tests): flat
 * columns as plain values, 3-level LIST columns as java.util.List.
 */
public final class ParquetColumnsReader {
    private ParquetColumnsReader() {}

    public static void read(org.apache.flink.core.fs.Path file, List<String> columns, Consumer<Object[]> sink) throws IOException {
        try (ParquetFileReader reader = ParquetFiles.open(new FlinkInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String c : columns) fields.add(schema.getType(c));
            MessageType projection = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projection);
            List<ColumnDescriptor> descs = new ArrayList<>();
            for (String c : columns) {
                ColumnDescriptor found = null;
                for (ColumnDescriptor d : projection.getColumns()) if (d.getPath()[0].equals(c)) found = d;
                descs.add(found);
            }
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore rg;
            while ((rg = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg, NoOpConverter.forSchema(projection), projection, createdBy);
                List<ColumnReader> readers = new ArrayList<>();
                for (ColumnDescriptor d : descs) readers.add(store.getColumnReader(d));
                long[] consumed = new long[descs.size()];
                for (long i = 0; i < rg.getRowCount(); i++) {
                    Object[] row = new Object[descs.size()];
                    for (int c = 0; c < descs.size(); c++) {
                        ColumnReader r = readers.get(c);
                        ColumnDescriptor d = descs.get(c);
                        if (d.getMaxRepetitionLevel() == 0) {
                            row[c] = r.getCurrentDefinitionLevel() == d.getMaxDefinitionLevel()
                                    ? ParquetValues.read(r, d.getPrimitiveType()) : null;
                            r.consume();
                        } else {
                            row[c] = readList(r, d, consumed, c);
                        }
                    }
                    sink.accept(row);
                }
            }
        }
    }

    /** One row of a LIST column: its values share the row while the repetition level says "same list". */
    private static List<Object> readList(ColumnReader r, ColumnDescriptor d, long[] consumed, int c) {
        int maxDef = d.getMaxDefinitionLevel();
        int emptyDef = maxDef - 2;
        List<Object> items = new ArrayList<>();
        boolean first = true;
        while (consumed[c] < r.getTotalValueCount() && (first || r.getCurrentRepetitionLevel() > 0)) {
            int def = r.getCurrentDefinitionLevel();
            if (first && def < emptyDef) items = null;
            else if (def == maxDef) items.add(ParquetValues.read(r, d.getPrimitiveType()));
            else if (def == maxDef - 1) items.add(null);
            r.consume();
            consumed[c]++;
            first = false;
        }
        return items;
    }
}
