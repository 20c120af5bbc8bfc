package io.keytrail.table;

import java.io.Serializable;

/** One output column: name, type, whether it may be null, how to read it off a row, and what it means. */
public final class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Serializable accessor, so that schemas travel to Flink tasks. */
    public interface Getter<T> extends Serializable {
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
