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

/** Reads chosen flat columns of a Parquet file as Object[] rows (for summaries and tests). */
public final class ParquetColumnsReader {
    private ParquetColumnsReader() {}

    public static void read(org.apache.flink.core.fs.Path file, List<String> columns, Consumer<Object[]> sink) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new FlinkInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String c : columns) fields.add(schema.getType(c));
            MessageType projection = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projection);
            List<ColumnDescriptor> descs = new ArrayList<>();
            for (String c : columns) descs.add(projection.getColumnDescription(new String[] {c}));
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore rg;
            while ((rg = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg, NoOpConverter.GROUP, projection, createdBy);
                List<ColumnReader> readers = new ArrayList<>();
                for (ColumnDescriptor d : descs) readers.add(store.getColumnReader(d));
                for (long i = 0; i < rg.getRowCount(); i++) {
                    Object[] row = new Object[descs.size()];
                    for (int c = 0; c < descs.size(); c++) {
                        ColumnReader r = readers.get(c);
                        ColumnDescriptor d = descs.get(c);
                        row[c] = r.getCurrentDefinitionLevel() == d.getMaxDefinitionLevel()
                                ? ParquetValues.read(r, d.getPrimitiveType()) : null;
                        r.consume();
                    }
                    sink.accept(row);
                }
            }
        }
    }
}
