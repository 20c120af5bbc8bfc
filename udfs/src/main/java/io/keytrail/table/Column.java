package io.keytrail.table;

/** One output column: name, type, whether it may be null, how to read it off a row, and what it means. */
public final class Column<T> {
    /** Reads the column's value off a row (not serializable: schemas travel by name, see {@link TableSchema}). */
    public interface Getter<T> {
        Object get(T row);
    }

    public final String name;
    public final ColumnType type;
    public final boolean nullable;
    public final Getter<T> getter;
    public final String doc;

    public Column(String name, ColumnType type, boolean nullable, Getter<T> getter, String doc) {
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.getter = getter;
        this.doc = doc;
    }
}
