package io.keytrail.parquet;

import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageRowReader;
import org.apache.flink.core.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** String columns read through their dictionaries, across dictionary and plain pages and across files. */
class ParquetUsageReaderTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message m {"
            + " required int64 timestamp (TIMESTAMP(MICROS,true)); required binary api_key_id (STRING);"
            + " required binary model (STRING); required int64 input_tokens; required int64 output_tokens;"
            + " optional binary source_ip (STRING); optional binary user_agent (STRING);"
            + " optional double cost_usd; optional int32 status_code (INTEGER(32,true)); required int64 request_count; }");
    private static final int ROWS = 60_000;

    private static String key(int i) {
        return "key_" + (i % 7);
    }

    // Repetitive first (the writer keeps a dictionary only if its first page compresses), then distinct: the
    // dictionary outgrows its 64 kB page and the rest of the chunk falls back to plain pages.
    private static String ip(int i) {
        if (i % 10 == 0) return null;
        int n = i < 20_000 ? i % 50 : i;
        return "10." + (n / 65536) + "." + (n / 256 % 256) + "." + (n % 256) + "-padding-to-grow-the-dictionary";
    }

    // Repeats (a dictionary), then distinct (plain pages).
    private static double cost(int i) {
        return i < 30_000 ? (i % 300) * 0.00137 : i * 1e-7;
    }

    private static File write(File dir, String name) throws Exception {
        return write(dir, name, ParquetProperties.WriterVersion.PARQUET_1_0);
    }

    private static File write(File dir, String name, ParquetProperties.WriterVersion version) throws Exception {
        return write(dir, name, version, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    private static File write(File dir, String name, ParquetProperties.WriterVersion version, long rowGroupBytes) throws Exception {
        return write(dir, name, version, rowGroupBytes, CompressionCodecName.UNCOMPRESSED);
    }

    private static File write(File dir, String name, ParquetProperties.WriterVersion version, long rowGroupBytes,
                              CompressionCodecName codec) throws Exception {
        File f = new File(dir, name);
        SimpleGroupFactory gf = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(f.toURI()))
                .withType(SCHEMA).withConf(new Configuration()).withDictionaryPageSize(64 << 10).withPageSize(16 << 10)
                .withRowGroupSize(rowGroupBytes).withWriterVersion(version).withCompressionCodec(codec).build()) {
            for (int i = 0; i < ROWS; i++) {
                Group g = gf.newGroup().append("timestamp", 1_700_000_000_000_000L + i).append("api_key_id", key(i))
                        .append("model", i % 3 == 0 ? "gpt-4o" : "claude-3-haiku").append("input_tokens", (long) i)
                        .append("output_tokens", 1L);
                if (ip(i) != null) g.append("source_ip", ip(i));
                if (i % 2 == 0) g.append("user_agent", "ua/" + (i % 5));
                if (i % 3 != 0) g.append("cost_usd", cost(i));
                g.append("status_code", 200 + i % 4).append("request_count", (long) (i % 1000) * 1_000_003L);
                w.write(g);
            }
        }
        return f;
    }

    /** Version 1 pages (PLAIN fallback); version 2 pages (levels apart, DELTA_BYTE_ARRAY and DELTA_BINARY_PACKED fallbacks). */
    @ParameterizedTest
    @EnumSource(ParquetProperties.WriterVersion.class)
    void stringsMatchTheWrittenValuesOnDictionaryAndPlainPages(ParquetProperties.WriterVersion version, @TempDir File dir) throws Exception {
        File f = write(dir, "a.parquet", version);
        assertTrue(hasDictionaryAndPlainPages(f, "source_ip"), "the test needs a chunk that falls back to plain pages");
        int rows = 0;
        String firstKey0 = null;
        try (ParquetUsageReader r = new ParquetUsageReader(new FlinkInputFile(new Path(f.toURI())))) {
            RawFields row = new RawFields();
            while (r.next(row) == UsageRowReader.Status.ROW) {
                row.boxTyped(); // numbers as the boxed path stores them
                int i = rows++;
                assertEquals(key(i), row.apiKeyId, "row " + i);
                assertEquals(i % 3 == 0 ? "gpt-4o" : "claude-3-haiku", row.model, "row " + i);
                assertEquals(ip(i), row.sourceIp, "row " + i);
                if (i % 2 == 0) assertEquals("ua/" + (i % 5), row.userAgent, "row " + i);
                else assertNull(row.userAgent, "row " + i);
                assertEquals((long) i, row.inputTokens);
                assertEquals(i % 3 != 0 ? (Object) cost(i) : null, row.costUsd, "row " + i);
                assertEquals((long) (200 + i % 4), row.statusCode, "row " + i);
                assertEquals((long) (i % 1000) * 1_000_003L, row.requestCount, "row " + i);
                if (i % 7 == 0) {
                    if (firstKey0 == null) firstKey0 = (String) row.apiKeyId;
                    assertSame(firstKey0, row.apiKeyId, "a dictionary entry is one instance, row " + i);
                }
            }
        }
        assertEquals(ROWS, rows);
    }

    /** Readers share one Hadoop configuration ({@link ParquetFiles}) but not their decompressors. */
    @Test
    void readersOnFourThreadsReadWhatOneReaderReadsAlone(@TempDir File dir) throws Exception {
        File f = write(dir, "snappy.parquet", ParquetProperties.WriterVersion.PARQUET_1_0, 256 << 10, CompressionCodecName.SNAPPY);
        java.util.List<String> alone = describeRows(f);
        assertEquals(ROWS, alone.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<java.util.List<String>>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) runs.add(pool.submit(() -> describeRows(f)));
            for (java.util.concurrent.Future<java.util.List<String>> run : runs) assertEquals(alone, run.get());
        } finally {
            pool.shutdownNow();
        }
        assertSame(ParquetFiles.configuration(), ParquetFiles.configuration());
    }

    private static java.util.List<String> describeRows(File f) throws Exception {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (ParquetUsageReader r = new ParquetUsageReader(new FlinkInputFile(new Path(f.toURI())))) {
            RawFields row = new RawFields();
            while (r.next(row) == UsageRowReader.Status.ROW) rows.add(row.describe());
        }
        return rows;
    }

    @Test
    void aDictionaryEntryIsOneInstanceAcrossFiles(@TempDir File dir) throws Exception {
        String[] keys = new String[2];
        File[] files = {write(dir, "a.parquet"), write(dir, "b.parquet")};
        for (int k = 0; k < 2; k++) {
            try (ParquetUsageReader r = new ParquetUsageReader(new FlinkInputFile(new Path(files[k].toURI())))) {
                RawFields row = new RawFields();
                assertEquals(UsageRowReader.Status.ROW, r.next(row));
                keys[k] = (String) row.apiKeyId;
            }
        }
        assertEquals("key_0", keys[0]);
        assertSame(keys[0], keys[1]);
    }

    /** Rows are decoded a batch at a time per column; batches end at row groups, which here hold no multiple of a batch. */
    @Test
    void everyRowAndItsPositionSurviveManyRowGroupsAndBatches(@TempDir File dir) throws Exception {
        File f = write(dir, "groups.parquet", ParquetProperties.WriterVersion.PARQUET_1_0, 96 << 10);
        List<Long> groupRows = new ArrayList<>();
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(f.toURI()), new Configuration()))) {
            for (var block : r.getFooter().getBlocks()) groupRows.add(block.getRowCount());
        }
        assertTrue(groupRows.size() > 3, "row groups " + groupRows);
        assertTrue(groupRows.stream().anyMatch(n -> n % ParquetUsageReader.BATCH != 0), "row groups " + groupRows);
        int rows = 0;
        try (ParquetUsageReader r = new ParquetUsageReader(new FlinkInputFile(new Path(f.toURI())))) {
            RawFields row = new RawFields();
            while (r.next(row) == UsageRowReader.Status.ROW) {
                row.boxTyped(); // numbers as the boxed path stores them
                int i = rows++;
                assertEquals(rows, r.position());
                assertEquals(key(i), row.apiKeyId, "row " + i);
                assertEquals((long) i, row.inputTokens, "row " + i);
                assertEquals(1_700_000_000_000_000L + i, ((io.keytrail.ingest.TsValue) row.timestamp).epochMicros(), "row " + i);
                assertEquals(ip(i), row.sourceIp, "row " + i);
                assertEquals(i % 3 != 0 ? (Object) cost(i) : null, row.costUsd, "row " + i);
            }
            assertEquals(UsageRowReader.Status.END, r.next(row));
        }
        assertEquals(ROWS, rows);
    }

    private static boolean hasDictionaryAndPlainPages(File f, String column) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(f.toURI()), new Configuration()))) {
            for (var block : r.getFooter().getBlocks()) {
                for (ColumnChunkMetaData c : block.getColumns()) {
                    Set<Encoding> e = c.getEncodings();
                    if (c.getPath().toDotString().equals(column)
                            && (e.contains(Encoding.PLAIN) || e.contains(Encoding.DELTA_BYTE_ARRAY))
                            && (e.contains(Encoding.PLAIN_DICTIONARY) || e.contains(Encoding.RLE_DICTIONARY))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A data page may hold no values (Parquet allows it; parquet-mr's own writer does not write one).
     * The reader moves on to the next page instead of handing out the previous page's cells.
     */
    @Test
    void aDataPageWithoutValuesIsSkipped(@TempDir File dir) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message m {"
                + " required int64 timestamp (TIMESTAMP(MICROS,true)); required binary api_key_id (STRING);"
                + " required binary model (STRING); required int64 input_tokens; required int64 output_tokens; }");
        String[] models = {"gpt-4o", "claude-3-haiku", "gemini-1.5", "o1", "claude-3-opus", "gemini-2.0"};
        int perPage = 3, rows = models.length;
        File f = new File(dir, "empty-page.parquet");
        ParquetFileWriter w = new ParquetFileWriter(HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(f.toURI()),
                new Configuration()), schema, ParquetFileWriter.Mode.CREATE, 1 << 20, 0);
        w.start();
        w.startBlock(rows);
        for (ColumnDescriptor c : schema.getColumns()) {
            String name = c.getPath()[0];
            w.startColumn(c, rows, CompressionCodecName.UNCOMPRESSED);
            // Each column in two pages of three rows; the model column also has an empty page between them.
            for (int page = 0; page < 2; page++) {
                if (page == 1 && name.equals("model")) plainPage(w, c, 0, i -> null);
                int first = page * perPage;
                plainPage(w, c, perPage, i -> switch (name) {
                    case "timestamp" -> 1_700_000_000_000_000L + first + i;
                    case "api_key_id" -> "key_" + (first + i);
                    case "model" -> models[first + i];
                    default -> (long) (first + i);
                });
            }
            w.endColumn();
        }
        w.endBlock();
        w.end(java.util.Map.of());

        List<String> got = new ArrayList<>();
        try (ParquetUsageReader r = new ParquetUsageReader(new FlinkInputFile(new Path(f.toURI())))) {
            RawFields row = new RawFields();
            while (r.next(row) == UsageRowReader.Status.ROW) {
                row.boxTyped();
                got.add(row.apiKeyId + " " + row.model + " " + row.inputTokens);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < rows; i++) expected.add("key_" + i + " " + models[i] + " " + i);
        assertEquals(expected, got);
    }

    /** One version 1 page of required, plain-encoded values (no levels are written for a required column). */
    private static void plainPage(ParquetFileWriter w, ColumnDescriptor c, int n, java.util.function.IntFunction<Object> value)
            throws Exception {
        PlainValuesWriter values = new PlainValuesWriter(1024, 1 << 20, HeapByteBufferAllocator.getInstance());
        for (int i = 0; i < n; i++) {
            Object v = value.apply(i);
            if (v instanceof Long l) values.writeLong(l);
            else values.writeBytes(Binary.fromString((String) v));
        }
        BytesInput bytes = BytesInput.copy(values.getBytes());
        w.writeDataPage(n, (int) bytes.size(), bytes, Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN);
    }
}
