package io.keytrail.table;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An output table: its directory name, what it holds, and its columns in order.
 *
 * <p>Travels to Flink tasks as its name and is looked up in {@link Tables#ALL} on arrival, so that the
 * column getters need not be serializable lambdas: the JVM spins a class for each serializable lambda
 * on every run (a class archive cannot hold them), about 270 at each start-up for these tables.
 */
public final class TableSchema<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String name;
    public final String doc;
    private final List<Column<T>> columns;
    private final Set<String> nearUnique;

    private TableSchema(String name, String doc, List<Column<T>> columns, Set<String> nearUnique) {
        this.name = name;
        this.doc = doc;
        this.columns = Collections.unmodifiableList(columns);
        this.nearUnique = Collections.unmodifiableSet(nearUnique);
    }

    public List<Column<T>> columns() {
        return columns;
    }

    /**
     * Whether a column's values are nearly all distinct, so that a Parquet dictionary for it would be
     * hashed into for every value and then abandoned (the writer leaves it out).
     */
    public boolean isNearUnique(String column) {
        return nearUnique.contains(column);
    }

    public MessageType parquetSchema() {
        List<Type> fields = new ArrayList<>();
        for (Column<T> c : columns) fields.add(parquetType(c));
        return new MessageType("keytrail_" + name, fields);
    }

    private static Type parquetType(Column<?> c) {
        Type.Repetition rep = c.nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        switch (c.type) {
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(c.name);
            case INT32:
                return Types.primitive(PrimitiveTypeName.INT32, rep).named(c.name);
            case INT64:
                return Types.primitive(PrimitiveTypeName.INT64, rep).named(c.name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name);
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name);
            case STRING_LIST:
                return Types.list(rep).optionalElement(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(c.name);
            case INT_LIST:
                return Types.list(rep).optionalElement(PrimitiveTypeName.INT32).named(c.name);
            default:
                throw new IllegalStateException("unhandled " + c.type);
        }
    }

    private Object writeReplace() throws ObjectStreamException {
        if (!Tables.ALL.contains(this)) throw new NotSerializableException("table " + name + " is not one of Tables.ALL");
        return new ByName(name);
    }

    /** A schema in serialized form: its name, resolved against {@link Tables#ALL}. */
    private static final class ByName implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;

        ByName(String name) {
            this.name = name;
        }

        private Object readResolve() throws ObjectStreamException {
            for (TableSchema<?> t : Tables.ALL) if (t.name.equals(name)) return t;
            throw new InvalidObjectException("no table " + name);
        }
    }

    public static <T> Builder<T> builder(String name, String doc) {
        return new Builder<>(name, doc);
    }

    public static final class Builder<T> {
        private final String name;
        private final String doc;
        private final List<Column<T>> cols = new ArrayList<>();
        private final Set<String> nearUnique = new HashSet<>();

        private Builder(String name, String doc) {
            this.name = name;
            this.doc = doc;
        }

        public Builder<T> required(String col, ColumnType type, Column.Getter<T> g, String doc) {
            cols.add(new Column<>(col, type, false, g, doc));
            return this;
        }

        public Builder<T> optional(String col, ColumnType type, Column.Getter<T> g, String doc) {
            cols.add(new Column<>(col, type, true, g, doc));
            return this;
        }

        /** Marks columns already added whose values are nearly all distinct (see {@link TableSchema#isNearUnique}). */
        public Builder<T> nearUnique(String... columns) {
            for (String c : columns) {
                if (cols.stream().noneMatch(col -> col.name.equals(c))) {
                    throw new IllegalArgumentException("no column " + c + " in table " + name);
                }
                nearUnique.add(c);
            }
            return this;
        }

        public TableSchema<T> build() {
            return new TableSchema<>(name, doc, new ArrayList<>(cols), new HashSet<>(nearUnique));
        }
    }
}
