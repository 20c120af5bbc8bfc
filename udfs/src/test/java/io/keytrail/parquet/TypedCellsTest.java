package io.keytrail.parquet;

import io.keytrail.ingest.FieldNames;
import io.keytrail.ingest.InvalidRecordException;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.ingest.UsageRowReader;
import io.keytrail.model.UsageRecord;
import io.keytrail.secrets.KeyMasker;
import org.apache.flink.core.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's typed numbers (no boxes) against parquet-mr's own ColumnReader boxing every cell the
 * way the reader did before: both rows normalized, every row must give the same record or the same
 * reject, with the same message and row text. Files mix dictionary and plain pages, nulls, and values
 * the normalizer refuses (negative counts, status 1000, NaN, infinite and negative costs, request
 * count 0), over every column type the typed path takes and some it must leave boxed.
 */
class TypedCellsTest {
    private static final int ROWS = 40_000;

    private static final String[] SCHEMAS = {
        // The common shape: every typed kind.
        "message m { optional int64 timestamp (TIMESTAMP(MILLIS,true)); required binary api_key_id (STRING);"
                + " required binary model (STRING); optional int64 input_tokens; optional int32 output_tokens;"
                + " optional int32 status_code; optional double cost_usd; optional int64 request_count;"
                + " optional int64 bucket_seconds; }",
        // Nanosecond and microsecond timestamps, a FLOAT cost, an INT32 request count, required columns.
        "message m { required int64 timestamp (TIMESTAMP(NANOS,false)); required binary api_key_id (STRING);"
                + " required binary model (STRING); required int64 input_tokens; required int64 output_tokens;"
                + " optional float cost_usd; optional int32 request_count (INTEGER(32,true)); }",
        // Left boxed: an integer cost, a double token count, epoch-millisecond INT64 timestamps.
        "message m { optional int64 timestamp; required binary api_key_id (STRING); required binary model (STRING);"
                + " optional double input_tokens; optional int64 output_tokens; optional int64 cost_usd;"
                + " optional int64 status_code; }",
        // Two columns for one field (names differ in case only): the later one wins, null or not.
        "message m { optional int64 timestamp (TIMESTAMP(MICROS,true)); required binary api_key_id (STRING);"
                + " required binary model (STRING); optional int64 input_tokens; optional int64 INPUT_TOKENS;"
                + " optional int64 output_tokens; optional double cost_usd; optional double Cost_USD; }",
    };

    /**
     * The fields each schema must carry unboxed, by the rule (one column for the field; integers and
     * TIMESTAMP as longs, DOUBLE and FLOAT costs as doubles), so that a reader that boxed everything again
     * fails here and not only in the benchmark.
     */
    private static final int[] TYPED = {
        RawFields.TYPED_TIMESTAMP | RawFields.TYPED_INPUT_TOKENS | RawFields.TYPED_OUTPUT_TOKENS | RawFields.TYPED_STATUS_CODE
                | RawFields.TYPED_COST_USD | RawFields.TYPED_REQUEST_COUNT | RawFields.TYPED_BUCKET_SECONDS,
        RawFields.TYPED_TIMESTAMP | RawFields.TYPED_INPUT_TOKENS | RawFields.TYPED_OUTPUT_TOKENS | RawFields.TYPED_COST_USD
                | RawFields.TYPED_REQUEST_COUNT,
        RawFields.TYPED_OUTPUT_TOKENS | RawFields.TYPED_STATUS_CODE,
        RawFields.TYPED_TIMESTAMP | RawFields.TYPED_OUTPUT_TOKENS,
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void typedNumbersNormalizeAsTheirBoxesDo(int schemaIndex, @TempDir File dir) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType(SCHEMAS[schemaIndex]);
        File f = write(dir, schema, new Random(42 + schemaIndex));
        int[] typedBits = new int[1];
        List<String> typed = viaReader(f, typedBits);
        assertEquals(TYPED[schemaIndex], typedBits[0], "the fields read unboxed");
        List<String> boxed = viaColumnReaders(f, schema);
        assertEquals(ROWS, boxed.size());
        assertEquals(boxed.size(), typed.size());
        int rejects = 0;
        for (int i = 0; i < boxed.size(); i++) {
            assertEquals(boxed.get(i), typed.get(i), "row " + i);
            if (boxed.get(i).startsWith("reject")) rejects++;
        }
        // The files must exercise both outcomes for the comparison to mean anything.
        assertTrue(rejects > 100 && rejects < ROWS - 100, "rejects: " + rejects);
    }

    private static File write(File dir, MessageType schema, Random rnd) throws Exception {
        File f = new File(dir, "t.parquet");
        SimpleGroupFactory gf = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(f.toURI()))
                .withType(schema).withConf(new Configuration()).withDictionaryPageSize(16 << 10).withPageSize(8 << 10)
                .withRowGroupSize(256L << 10).build()) {
            for (int i = 0; i < ROWS; i++) {
                // Repetitive first (dictionary pages), then mostly distinct (the writer falls back to plain pages).
                boolean repeat = i < ROWS / 2;
                Group g = gf.newGroup();
                for (Type t : schema.getFields()) {
                    PrimitiveType p = t.asPrimitiveType();
                    if (t.isRepetition(Type.Repetition.OPTIONAL) && rnd.nextInt(10) == 0) continue;
                    String name = t.getName();
                    switch (p.getPrimitiveTypeName()) {
                        case BINARY -> g.append(name, name.equals("model") ? "m-" + rnd.nextInt(3) : "key_" + rnd.nextInt(5));
                        case INT64 -> g.append(name, name.equalsIgnoreCase("timestamp") ? timestamp(p, i, rnd) : count(name, repeat, rnd));
                        case INT32 -> g.append(name, (int) count(name, repeat, rnd));
                        case DOUBLE -> g.append(name, number(repeat, rnd));
                        case FLOAT -> g.append(name, (float) number(repeat, rnd));
                        default -> throw new IllegalStateException(p.toString());
                    }
                }
                w.write(g);
            }
        }
        return f;
    }

    private static long timestamp(PrimitiveType p, int i, Random rnd) {
        long micros = 1_700_000_000_000_000L + i * 1_000_003L + rnd.nextInt(1000);
        if (p.getLogicalTypeAnnotation() == null) return micros / 1000; // epoch milliseconds, boxed as a Long
        String unit = p.getLogicalTypeAnnotation().toString();
        if (unit.contains("MILLIS")) return micros / 1000;
        if (unit.contains("NANOS")) return micros * 1000 + rnd.nextInt(1000);
        return micros;
    }

    private static long count(String name, boolean repeat, Random rnd) {
        int roll = rnd.nextInt(100);
        if (roll < 3) return -1 - rnd.nextInt(5);
        if (roll < 5) return 0;
        if (name.equals("status_code")) return roll < 8 ? 1000 + rnd.nextInt(5) : 200 + (repeat ? roll % 4 : rnd.nextInt(300));
        return repeat ? roll : rnd.nextInt(1_000_000);
    }

    private static double number(boolean repeat, Random rnd) {
        int roll = rnd.nextInt(200);
        if (roll == 0) return Double.NaN;
        if (roll == 1) return Double.POSITIVE_INFINITY;
        if (roll < 5) return -0.5;
        if (roll < 8) return 3.0; // whole: a double token count of 3.0 is accepted
        return repeat ? roll * 0.25 : rnd.nextDouble() * 10;
    }

    /** The reader under test: typed numbers where it can; {@code typedBits[0]} gets every row's TYPED_ bits. */
    private static List<String> viaReader(File f, int[] typedBits) throws Exception {
        List<String> out = new ArrayList<>();
        UsageNormalizer norm = new UsageNormalizer(KeyMasker.defaults());
        try (ParquetUsageReader r = new ParquetUsageReader(new FlinkInputFile(new Path(f.toURI())))) {
            RawFields row = new RawFields();
            long seq = 0;
            while (r.next(row) == UsageRowReader.Status.ROW) {
                typedBits[0] |= row.typed;
                out.add(outcome(norm, row, seq++));
            }
        }
        return out;
    }

    /** The reference: parquet-mr's ColumnReader, every cell boxed by {@link ParquetValues#read}, set in column order. */
    private static List<String> viaColumnReaders(File f, MessageType schema) throws Exception {
        List<String> out = new ArrayList<>();
        UsageNormalizer norm = new UsageNormalizer(KeyMasker.defaults());
        try (ParquetFileReader reader = ParquetFiles.open(new FlinkInputFile(new Path(f.toURI())))) {
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<ColumnDescriptor> descs = schema.getColumns();
            PageReadStore rg;
            long seq = 0;
            while ((rg = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg, NoOpConverter.forSchema(schema), schema, createdBy);
                List<ColumnReader> readers = new ArrayList<>();
                for (ColumnDescriptor d : descs) readers.add(store.getColumnReader(d));
                for (long i = 0; i < rg.getRowCount(); i++) {
                    RawFields row = new RawFields();
                    for (int c = 0; c < descs.size(); c++) {
                        ColumnDescriptor d = descs.get(c);
                        ColumnReader cr = readers.get(c);
                        Object v = cr.getCurrentDefinitionLevel() == d.getMaxDefinitionLevel() ? ParquetValues.read(cr, d.getPrimitiveType()) : null;
                        FieldNames.set(row, FieldNames.canonical(d.getPath()[0]), v);
                        cr.consume();
                    }
                    out.add(outcome(norm, row, seq++));
                }
            }
        }
        return out;
    }

    private static String outcome(UsageNormalizer norm, RawFields row, long seq) {
        try {
            UsageRecord r = norm.normalize(row, seq);
            return "ok " + r.tsMicros + " " + r.offsetSeconds + " " + r.apiKeyId + " " + r.apiKeyFingerprint + " " + r.model
                    + " " + r.inputTokens + " " + r.outputTokens + " " + r.endpoint + " " + r.sourceIp + " " + r.userAgent
                    + " " + r.statusCode + " " + Double.doubleToRawLongBits(r.costUsd) + " " + r.provider + " " + r.requestCount
                    + " " + r.errorCode + " " + r.bucketSeconds + " " + r.requestId + " " + r.seq
                    + " masked " + UsageNormalizer.maskedValues(row, r);
        } catch (InvalidRecordException e) {
            return "reject " + e.getMessage() + " | " + row.describe();
        }
    }
}
