package io.keytrail.parquet;

import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import static org.apache.parquet.column.ValuesType.DEFINITION_LEVEL;
import static org.apache.parquet.column.ValuesType.REPETITION_LEVEL;
import static org.apache.parquet.column.ValuesType.VALUES;

/**
 * One flat column of a Parquet file, decoded a whole page at a time into arrays (definition levels,
 * dictionary ids or values) and then handed out row by row. Parquet's own ColumnReader does the same
 * decoding one value at a time through several virtual calls per value; with fourteen columns per
 * usage row that machinery was most of the readers' time. Dictionary ids and hybrid-encoded definition
 * levels are decoded whole by {@link HybridRle}; every other encoding by parquet-mr's own decoders, used
 * as its ColumnReader uses them.
 *
 * <p>Dictionary-encoded text is decoded once per dictionary entry and the same String instance handed
 * out for every row holding it, one instance per distinct value across files (their hashes cached for
 * the maps downstream).
 */
final class PageColumn {
    private final ColumnDescriptor desc;
    private final PrimitiveType type;
    private final PrimitiveTypeName physical;
    private final boolean text;
    private final int maxDef;
    private final String createdBy;

    private PageReader pages;
    private Dictionary dictionary;
    private Object[] dictionaryValues;
    // Plain numbers' entries as primitives: boxing per row is cheaper than chasing a shared box
    // scattered across the heap (a cost column's dictionary has many thousands of entries).
    private long[] dictionaryLongs;
    private double[] dictionaryDoubles;
    private final boolean plainNumber;
    /** An INT64 TIMESTAMP column's unit, else null. */
    private final org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit timestampUnit;
    private ValuesReader previousValues;

    // The current page.
    private int count;
    private int pos;
    private boolean dictionaryPage;
    private int[] defs = new int[0];
    private int[] ids = new int[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private Object[] objects = new Object[0];

    PageColumn(ColumnDescriptor desc, String createdBy) {
        if (desc.getMaxRepetitionLevel() != 0) throw new IllegalArgumentException("repeated column " + desc);
        this.desc = desc;
        this.type = desc.getPrimitiveType();
        this.physical = type.getPrimitiveTypeName();
        this.text = ParquetValues.isString(type);
        this.maxDef = desc.getMaxDefinitionLevel();
        this.createdBy = createdBy;
        this.plainNumber = physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT
                || ((physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32)
                    && (type.getLogicalTypeAnnotation() == null
                        || type.getLogicalTypeAnnotation() instanceof org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation));
        this.timestampUnit = physical == PrimitiveTypeName.INT64
                && type.getLogicalTypeAnnotation() instanceof org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                ? ts.getUnit() : null;
    }

    /** Starts the column's chunk in the next row group. */
    void startChunk(PageReader pages) throws IOException {
        this.pages = pages;
        this.previousValues = null;
        this.count = 0;
        this.pos = 0;
        DictionaryPage dp = pages.readDictionaryPage();
        this.dictionary = dp == null ? null : dp.getEncoding().initDictionary(desc, dp);
        this.dictionaryValues = dictionary == null || plainNumber ? null : new Object[dictionary.getMaxId() + 1];
        this.dictionaryLongs = null;
        this.dictionaryDoubles = null;
        if (dictionary != null && plainNumber) {
            int n = dictionary.getMaxId() + 1;
            switch (physical) {
                case INT64: dictionaryLongs = new long[n]; for (int i = 0; i < n; i++) dictionaryLongs[i] = dictionary.decodeToLong(i); break;
                case INT32: dictionaryLongs = new long[n]; for (int i = 0; i < n; i++) dictionaryLongs[i] = dictionary.decodeToInt(i); break;
                case DOUBLE: dictionaryDoubles = new double[n]; for (int i = 0; i < n; i++) dictionaryDoubles[i] = dictionary.decodeToDouble(i); break;
                default: dictionaryDoubles = new double[n]; for (int i = 0; i < n; i++) dictionaryDoubles[i] = dictionary.decodeToFloat(i); break;
            }
        }
    }

    /** The next {@code n} rows' cells into {@code out[0..n)}: one column at a time keeps each loop's branches predictable. */
    void fill(Object[] out, int n) throws IOException {
        for (int i = 0; i < n; i++) out[i] = next();
    }

    /** Whether {@link #fillLongs} reads this column as the Long {@link #next} would box: INT32 or INT64 integers. */
    boolean readsAsIntegers() {
        return plainNumber && (physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32);
    }

    /** Whether {@link #fillLongs} reads this column as microseconds, the TsValue {@link #next} would make: INT64 TIMESTAMP. */
    boolean isTimestamp() {
        return timestampUnit != null;
    }

    /** Whether {@link #fillDoubles} reads this column: DOUBLE and FLOAT. */
    boolean readsAsDoubles() {
        return physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT;
    }

    /**
     * The next {@code n} rows as primitives, for {@link #readsAsIntegers} and {@link #isTimestamp}
     * columns, {@code nulls[i]} telling a null cell: what {@link #next} would box, without the box.
     */
    void fillLongs(long[] out, boolean[] nulls, int n) throws IOException {
        for (int i = 0; i < n; ) {
            int m = run(n - i);
            for (int k = 0; k < m; k++) {
                int p = pos + k;
                if (nulls[i + k] = defs[p] != maxDef) continue;
                long v = !dictionaryPage ? longs[p] : dictionaryLongs != null ? dictionaryLongs[ids[p]] : dictionary.decodeToLong(ids[p]);
                out[i + k] = timestampUnit != null ? ParquetValues.toMicros(v, timestampUnit) : v;
            }
            pos += m;
            i += m;
        }
    }

    /** As {@link #fillLongs}, for {@link #readsAsDoubles} columns. */
    void fillDoubles(double[] out, boolean[] nulls, int n) throws IOException {
        for (int i = 0; i < n; ) {
            int m = run(n - i);
            for (int k = 0; k < m; k++) {
                int p = pos + k;
                if (!(nulls[i + k] = defs[p] != maxDef)) out[i + k] = dictionaryPage ? dictionaryDoubles[ids[p]] : doubles[p];
            }
            pos += m;
            i += m;
        }
    }

    /** How many of the next {@code want} rows the current page holds, reading the next page when this one is done. */
    private int run(int want) throws IOException {
        // A loop, not a test: a data page may hold no values.
        while (pos == count) readPage();
        return Math.min(want, count - pos);
    }

    /** The next row's cell, as {@link ParquetValues} reads it; null when the cell is null. */
    Object next() throws IOException {
        // A loop, not a test: a data page may hold no values, and its arrays then still hold the previous page's.
        while (pos == count) readPage();
        int p = pos++;
        if (defs[p] != maxDef) return null;
        if (dictionaryPage) {
            int id = ids[p];
            if (dictionaryLongs != null) return dictionaryLongs[id];
            if (dictionaryDoubles != null) return dictionaryDoubles[id];
            Object v = dictionaryValues[id];
            if (v == null) {
                v = fromDictionary(id);
                dictionaryValues[id] = v;
            }
            return v;
        }
        switch (physical) {
            case INT64: return ParquetValues.ofLong(longs[p], type);
            case INT32: return ParquetValues.ofInt((int) longs[p], type);
            case BOOLEAN: return longs[p] != 0;
            case DOUBLE:
            case FLOAT: return doubles[p];
            default: return objects[p];
        }
    }

    /**
     * An entry's cell, for all but plain numbers (their entries are primitive arrays): shared by every
     * row holding it, as the values are immutable (strings, timestamps, dates, decimals as doubles).
     */
    private Object fromDictionary(int id) {
        switch (physical) {
            case INT64: return ParquetValues.ofLong(dictionary.decodeToLong(id), type);
            case INT32: return ParquetValues.ofInt(dictionary.decodeToInt(id), type);
            default: {
                Object v = ParquetValues.ofBinary(dictionary.decodeToBinary(id), type);
                return text ? canonical((String) v) : v;
            }
        }
    }

    private void readPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) throw new ParquetDecodingException("column " + desc + ": the row group's pages ended before its rows");
        count = page.getValueCount();
        pos = 0;
        if (defs.length < count + HybridRle.SLACK) defs = new int[Math.max(count + HybridRle.SLACK, defs.length * 2)];
        if (page instanceof DataPageV1 v1) {
            ByteBufferInputStream in = v1.getBytes().toInputStream();
            ValuesReader rl = v1.getRlEncoding().getValuesReader(desc, REPETITION_LEVEL);
            rl.initFromPage(count, in);
            if (maxDef > 0 && v1.getDlEncoding() == Encoding.RLE) {
                int length = BytesUtils.readIntLittleEndian(in);
                decodeLevels(in.slice(length));
            } else {
                ValuesReader dl = v1.getDlEncoding().getValuesReader(desc, DEFINITION_LEVEL);
                dl.initFromPage(count, in);
                // A required column's levels are all 0: parquet-mr still encodes them (BIT_PACKED of width
                // 0), and reading them one call per value was 4 % of the readers' time.
                if (maxDef == 0) Arrays.fill(defs, 0, count, 0);
                else for (int i = 0; i < count; i++) defs[i] = dl.readInteger();
            }
            readValues(v1.getValueEncoding(), in);
        } else if (page instanceof DataPageV2 v2) {
            if (maxDef == 0) {
                Arrays.fill(defs, 0, count, 0);
            } else {
                decodeLevels(v2.getDefinitionLevels().toByteBuffer());
            }
            readValues(v2.getDataEncoding(), v2.getData().toInputStream());
        } else {
            throw new ParquetDecodingException("column " + desc + ": unknown page " + page);
        }
    }

    /** Definition levels in the hybrid encoding, whole: into {@code defs[0..count)}. */
    private void decodeLevels(ByteBuffer levels) {
        HybridRle.decode(levels, BytesUtils.getWidthFromMaxInt(maxDef), defs, count);
    }

    /** A dictionary page's ids (a bit width byte, then the hybrid encoding of the non-null cells' ids), into their rows. */
    private void decodeIds(ByteBufferInputStream in) throws IOException {
        int nonNull = 0;
        if (maxDef == 0) {
            nonNull = count;
        } else {
            for (int i = 0; i < count; i++) if (defs[i] == maxDef) nonNull++;
        }
        if (ids.length < count + HybridRle.SLACK) ids = new int[Math.max(count + HybridRle.SLACK, ids.length * 2)];
        if (nonNull == 0) return;
        int width = in.read();
        if (width < 0) throw new ParquetDecodingException("column " + desc + ": a dictionary page without ids");
        HybridRle.decode(in.slice(in.available()), width, ids, nonNull);
        for (int i = 0; i < nonNull; i++) {
            if (ids[i] < 0 || ids[i] > dictionary.getMaxId()) {
                throw new ParquetDecodingException("column " + desc + ": dictionary id " + ids[i] + " outside the dictionary");
            }
        }
        if (nonNull < count) {
            // Spread the ids over the non-null rows, from the end, in place (an id only moves right).
            int j = nonNull - 1;
            for (int i = count - 1; i >= 0 && j >= 0; i--) if (defs[i] == maxDef) ids[i] = ids[j--];
        }
    }

    private void readValues(Encoding encoding, ByteBufferInputStream in) throws IOException {
        ValuesReader values;
        dictionaryPage = encoding.usesDictionary();
        if (dictionaryPage) {
            if (dictionary == null) {
                throw new ParquetDecodingException("column " + desc + ": a page uses " + encoding + " but the chunk has no dictionary");
            }
            decodeIds(in);
            previousValues = null;
            return;
        }
        values = encoding.getValuesReader(desc, VALUES);
        values.initFromPage(count, in);
        // Old parquet-mr wrote DELTA_BYTE_ARRAY pages that continue the previous page's last value.
        if (CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encoding)
                && previousValues instanceof RequiresPreviousReader && values instanceof RequiresPreviousReader) {
            ((RequiresPreviousReader) values).setPreviousReader(previousValues);
        }
        previousValues = values;
        switch (physical) {
            case INT64:
                ensureLongs();
                for (int i = 0; i < count; i++) if (defs[i] == maxDef) longs[i] = values.readLong();
                break;
            case INT32:
                ensureLongs();
                for (int i = 0; i < count; i++) if (defs[i] == maxDef) longs[i] = values.readInteger();
                break;
            case BOOLEAN:
                ensureLongs();
                for (int i = 0; i < count; i++) if (defs[i] == maxDef) longs[i] = values.readBoolean() ? 1 : 0;
                break;
            case DOUBLE:
                ensureDoubles();
                for (int i = 0; i < count; i++) if (defs[i] == maxDef) doubles[i] = values.readDouble();
                break;
            case FLOAT:
                ensureDoubles();
                for (int i = 0; i < count; i++) if (defs[i] == maxDef) doubles[i] = values.readFloat();
                break;
            default:
                // Decoded now: a value's bytes may point into this page's buffer.
                if (objects.length < count) objects = new Object[Math.max(count, objects.length * 2)];
                for (int i = 0; i < count; i++) {
                    objects[i] = defs[i] == maxDef ? ParquetValues.ofBinary(values.readBytes(), type) : null;
                }
        }
    }

    private void ensureLongs() {
        if (longs.length < count) longs = new long[Math.max(count, longs.length * 2)];
    }

    private void ensureDoubles() {
        if (doubles.length < count) doubles = new double[Math.max(count, doubles.length * 2)];
    }

    /**
     * One instance per distinct dictionary string across all files and readers of this JVM, so that the
     * maps downstream (keyed by these strings: the normalizer's masking memo, per-key sets) find their key
     * by reference instead of comparing characters. Bounded: cleared when full.
     */
    private static final int MAX_CANONICAL = 1 << 16;
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();

    static String canonical(String s) {
        String c = CANONICAL.putIfAbsent(s, s);
        if (c != null) return c;
        if (CANONICAL.size() > MAX_CANONICAL) CANONICAL.clear();
        return s;
    }
}
