package io.keytrail.table;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;

/** Writes rows straight through the RecordConsumer from a {@link TableSchema}: no Avro, no reflection. */
final class RowWriteSupport<T> extends WriteSupport<T> {
    private final TableSchema<T> schema;
    private final List<Column<T>> cols;
    private RecordConsumer out;
    // Per column, the last string written and its UTF-8 form: consecutive rows mostly repeat the same
    // instances (a key's incident id, key id, model, profile), which need not be encoded again.
    private final String[] lastString;
    private final Binary[] lastBinary;

    RowWriteSupport(TableSchema<T> schema) {
        this.schema = schema;
        this.cols = schema.columns();
        this.lastString = new String[cols.size()];
        this.lastBinary = new Binary[cols.size()];
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema.parquetSchema(), new HashMap<>());
    }

    @Override
    public String getName() {
        return "keytrail";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(T row) {
        out.startMessage();
        for (int i = 0; i < cols.size(); i++) {
            Column<T> c = cols.get(i);
            Object v = c.getter.get(row);
            if (v == null) {
                if (!c.nullable) throw new IllegalArgumentException("column " + schema.name + "." + c.name + " is required but null");
                continue;
            }
            out.startField(c.name, i);
            writeValue(i, c, v);
            out.endField(c.name, i);
        }
        out.endMessage();
    }

    private void writeValue(int i, Column<T> c, Object v) {
        switch (c.type) {
            case STRING: out.addBinary(binary(i, (String) v)); break;
            case INT32: out.addInteger(((Number) v).intValue()); break;
            case INT64:
            case TIMESTAMP: out.addLong(((Number) v).longValue()); break;
            case DOUBLE: out.addDouble(((Number) v).doubleValue()); break;
            case BOOLEAN: out.addBoolean((Boolean) v); break;
            case STRING_LIST:
            case INT_LIST: writeList(c, (Collection<?>) v); break;
            default: throw new IllegalStateException();
        }
    }

    private Binary binary(int column, String s) {
        if (s != lastString[column]) {
            lastString[column] = s;
            lastBinary[column] = Binary.fromString(s);
        }
        return lastBinary[column];
    }

    private void writeList(Column<T> c, Collection<?> items) {
        out.startGroup();
        if (!items.isEmpty()) {
            out.startField("list", 0);
            for (Object item : items) {
                out.startGroup();
                if (item != null) {
                    out.startField("element", 0);
                    if (c.type == ColumnType.STRING_LIST) out.addBinary(Binary.fromString((String) item));
                    else out.addInteger(((Number) item).intValue());
                    out.endField("element", 0);
                }
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
    }
}
