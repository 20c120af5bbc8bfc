package io.keytrail.parquet;

import io.keytrail.ingest.TsValue;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes one Parquet cell into the plain Java values the normalizer understands, whatever the writer
 * chose: TIMESTAMP in millis, micros or nanos, INT96, INT32 or INT64 integers, decimals, strings.
 */
public final class ParquetValues {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ParquetValues() {}

    /** Whether the column holds text (rather than bytes standing for a decimal). */
    static boolean isString(PrimitiveType type) {
        PrimitiveType.PrimitiveTypeName p = type.getPrimitiveTypeName();
        return (p == PrimitiveType.PrimitiveTypeName.BINARY || p == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                && !(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation);
    }

    public static Object read(ColumnReader r, PrimitiveType type) {
        switch (type.getPrimitiveTypeName()) {
            case INT64: return ofLong(r.getLong(), type);
            case INT32: return ofInt(r.getInteger(), type);
            case DOUBLE: return r.getDouble();
            case FLOAT: return (double) r.getFloat();
            case BOOLEAN: return r.getBoolean();
            case INT96:
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY: return ofBinary(r.getBinary(), type);
            default: throw new IllegalStateException("unhandled Parquet type " + type);
        }
    }

    /** An INT64 cell: a timestamp, a decimal or a plain integer. */
    static Object ofLong(long v, PrimitiveType type) {
        LogicalTypeAnnotation lt = type.getLogicalTypeAnnotation();
        if (lt instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            return new TsValue(toMicros(v, ts.getUnit()), 0);
        }
        if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale()).doubleValue();
        }
        return v;
    }

    /** An INT32 cell: a decimal, a date or a plain integer (as a long). */
    static Object ofInt(int v, PrimitiveType type) {
        LogicalTypeAnnotation lt = type.getLogicalTypeAnnotation();
        if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale()).doubleValue();
        }
        if (lt instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return new DateOnly(v);
        }
        return (long) v;
    }

    /** An INT96 timestamp, a byte-array decimal, or text. */
    static Object ofBinary(Binary b, PrimitiveType type) {
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) return int96(b);
        if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return new BigDecimal(new BigInteger(b.getBytes()), d.getScale()).doubleValue();
        }
        return b.toStringUsingUTF8();
    }

    /** A TIMESTAMP value in its unit as microseconds (nanoseconds rounded down). */
    public static long toMicros(long v, LogicalTypeAnnotation.TimeUnit unit) {
        switch (unit) {
            case MILLIS: return Math.multiplyExact(v, 1000L);
            case NANOS: return Math.floorDiv(v, 1000L);
            default: return v;
        }
    }

    /** INT96 (Impala/Spark legacy): 8 bytes nanos of day, then 4 bytes Julian day, little-endian. */
    static TsValue int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        long julianDay = buf.getInt() & 0xffffffffL;
        return new TsValue((julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L), 0);
    }

    /** A DATE cell: kept distinct so that the normalizer can say why it is not a timestamp. */
    record DateOnly(int epochDay) {
        @Override
        public String toString() {
            return java.time.LocalDate.ofEpochDay(epochDay).toString();
        }
    }
}
