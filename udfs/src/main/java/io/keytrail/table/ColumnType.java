package io.keytrail.table;

/** The Parquet column types KeyTrail writes. Timestamps are TIMESTAMP(MICROS, UTC); lists are 3-level LISTs. */
public enum ColumnType {
    STRING, INT32, INT64, DOUBLE, BOOLEAN, TIMESTAMP, STRING_LIST, INT_LIST;

    /** The DuckDB/Parquet type name shown in the README tables. */
    public String sqlName() {
        switch (this) {
            case STRING: return "VARCHAR (BYTE_ARRAY UTF8)";
            case INT32: return "INTEGER (INT32)";
            case INT64: return "BIGINT (INT64)";
            case DOUBLE: return "DOUBLE";
            case BOOLEAN: return "BOOLEAN";
            case TIMESTAMP: return "TIMESTAMP WITH TIME ZONE (INT64 micros, UTC)";
            case STRING_LIST: return "VARCHAR[] (LIST)";
            case INT_LIST: return "INTEGER[] (LIST)";
            default: throw new IllegalStateException();
        }
    }
}
