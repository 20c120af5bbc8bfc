package io.keytrail.table;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The column-at-a-time writer (flat and LIST columns) against parquet-mr: what it writes reads back through parquet-mr's own
 * record reader cell for cell, and its statistics equal those parquet-mr's record writer computes for
 * the same rows.
 */
class ColumnarParquetWriterTest {
    /** A row of every flat column type, nullable and not. */
    static final class Row {
        String key;      // few distinct values, in runs of one instance and of equal copies
        String text;     // near unique
        String opt;      // nullable, with a dictionary
        Integer status;  // nullable INT32
        long count;
        long ts;
        double cost;
        Boolean flag;    // nullable BOOLEAN
        List<String> tags;    // required LIST: empty lists, null elements
        List<Integer> hours;  // nullable LIST
    }

    static final TableSchema<Row> SCHEMA = TableSchema.<Row>builder("flat", "test table")
            .required("key", ColumnType.STRING, r -> r.key, "")
            .required("text", ColumnType.STRING, r -> r.text, "")
            .optional("opt", ColumnType.STRING, r -> r.opt, "")
            .optional("status", ColumnType.INT32, r -> r.status, "")
            .required("count", ColumnType.INT64, r -> r.count, "")
            .required("ts", ColumnType.TIMESTAMP, r -> r.ts, "")
            .required("cost", ColumnType.DOUBLE, r -> r.cost, "")
            .optional("flag", ColumnType.BOOLEAN, r -> r.flag, "")
            .required("tags", ColumnType.STRING_LIST, r -> r.tags, "")
            .optional("hours", ColumnType.INT_LIST, r -> r.hours, "")
            .nearUnique("text")
            .build();

    static final String[] KEYS = {"sk-...a1", "sk-ant-...ZZ", "", "ключ-é", "emoji \uD83D\uDE00", "AIza...09"};
    static final double[] ODD = {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, Double.POSITIVE_INFINITY};

    @TempDir
    Path tmp;

    static List<Row> rows(int n, long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        String run = KEYS[0];
        for (int i = 0; i < n; i++) {
            Row r = new Row();
            if (i % 50 == 0) run = KEYS[rnd.nextInt(KEYS.length)];
            r.key = rnd.nextInt(10) == 0 ? new String(run) : run;
            r.text = "action " + i + " \u00e9" + Long.toString(rnd.nextLong(), 36);
            r.opt = rnd.nextInt(4) == 0 ? null : "ua-" + rnd.nextInt(300);
            r.status = rnd.nextInt(5) == 0 ? null : (rnd.nextBoolean() ? Integer.MIN_VALUE + rnd.nextInt(3) : 200 + rnd.nextInt(400));
            r.count = rnd.nextInt(20) == 0 ? Long.MAX_VALUE - rnd.nextInt(3) : rnd.nextLong() % 1_000_000;
            r.ts = 1_700_000_000_000_000L + i * 1_000_003L - rnd.nextInt(1000);
            r.cost = rnd.nextInt(30) == 0 ? ODD[rnd.nextInt(ODD.length)] : rnd.nextDouble() * 100;
            r.flag = rnd.nextInt(7) == 0 ? null : rnd.nextBoolean();
            r.tags = new ArrayList<>();
            for (int t = rnd.nextInt(4); t > 0; t--) r.tags.add(rnd.nextInt(9) == 0 ? null : KEYS[rnd.nextInt(KEYS.length)] + t);
            if (rnd.nextInt(5) > 0) {
                r.hours = new ArrayList<>();
                for (int h = rnd.nextInt(i % 100 == 0 ? 300 : 4); h > 0; h--) r.hours.add(rnd.nextInt(11) == 0 ? null : rnd.nextInt(24) - (h == 7 ? 100 : 0));
            }
            rows.add(r);
        }
        return rows;
    }

    Path writeFlat(String name, List<Row> rows) throws Exception {
        Path file = tmp.resolve(name);
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem().create(p, FileSystem.WriteMode.OVERWRITE)) {
            // Through the factory FileSink uses: a flat table gets this writer.
            BulkWriter<Row> w = new ParquetRowWriter<>(SCHEMA).create(out);
            for (Row r : rows) w.addElement(r);
            w.finish();
        }
        return file;
    }

    Path writeParquetMr(String name, List<Row> rows) throws Exception {
        Path file = tmp.resolve(name);
        try (ParquetWriter<Row> w = new ParquetRowWriter<>(SCHEMA).openFile(new org.apache.flink.core.fs.Path(file.toUri()))) {
            for (Row r : rows) w.write(r);
        }
        return file;
    }

    static ParquetFileReader open(Path file) throws Exception {
        return ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()));
    }

    @Test
    void everyCellReadsBackThroughParquetMr() throws Exception {
        int n = ColumnarParquetWriter.ROW_GROUP_ROWS + 12_345; // two row groups, the second with a part page
        List<Row> rows = rows(n, 7);
        Path file = writeFlat("flat.parquet", rows);
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (int i = 0; i < n; i++) {
                Group g = r.read();
                Row want = rows.get(i);
                String at = "row " + i;
                assertEquals(want.key, g.getString("key", 0), at);
                assertEquals(want.text, g.getString("text", 0), at);
                assertEquals(want.opt, g.getFieldRepetitionCount("opt") == 0 ? null : g.getString("opt", 0), at);
                assertEquals(want.status, g.getFieldRepetitionCount("status") == 0 ? null : g.getInteger("status", 0), at);
                assertEquals(want.count, g.getLong("count", 0), at);
                assertEquals(want.ts, g.getLong("ts", 0), at);
                assertEquals(Double.doubleToRawLongBits(want.cost), Double.doubleToRawLongBits(g.getDouble("cost", 0)), at);
                assertEquals(want.flag, g.getFieldRepetitionCount("flag") == 0 ? null : g.getBoolean("flag", 0), at);
                assertEquals(want.tags, list(g, "tags", (e, j) -> e.getString("element", j)), at);
                assertEquals(want.hours, list(g, "hours", (e, j) -> e.getInteger("element", j)), at);
            }
            assertNull(r.read());
        }
        try (ParquetFileReader f = open(file)) {
            List<BlockMetaData> blocks = f.getFooter().getBlocks();
            assertEquals(2, blocks.size());
            assertEquals(ColumnarParquetWriter.ROW_GROUP_ROWS, blocks.get(0).getRowCount());
            assertEquals("keytrail", f.getFooter().getFileMetaData().getKeyValueMetaData().get("writer.model.name"));
            assertEquals(SCHEMA.parquetSchema(), f.getFooter().getFileMetaData().getSchema());
            for (ColumnChunkMetaData c : blocks.get(0).getColumns()) {
                String col = c.getPath().toDotString();
                boolean dict = c.getEncodings().contains(Encoding.PLAIN_DICTIONARY);
                // Repetitive strings and numbers get a dictionary; near-unique text, timestamps, and numbers whose
                // dictionary would not be smaller (random counts and costs) do not.
                assertEquals(java.util.Set.of("key", "opt", "status", "tags.list.element", "hours.list.element").contains(col),
                        dict, col + " " + c.getEncodings());
                // The page index readers use for pushdown: one entry per page.
                ColumnIndex ci = f.readColumnIndex(c);
                OffsetIndex oi = f.readOffsetIndex(c);
                assertNotNull(ci, col);
                int pages = (ColumnarParquetWriter.ROW_GROUP_ROWS + ColumnChunk.PAGE_ROWS - 1) / ColumnChunk.PAGE_ROWS;
                assertEquals(pages, oi.getPageCount(), col);
                assertEquals(ColumnChunk.PAGE_ROWS, oi.getLastRowIndex(0, blocks.get(0).getRowCount()) + 1, col);
            }
        }
    }

    /** A 3-level LIST cell as parquet-mr's record reader gives it: null, or its elements (null where absent). */
    static <E> List<E> list(Group row, String field, java.util.function.BiFunction<Group, Integer, E> element) {
        if (row.getFieldRepetitionCount(field) == 0) return null;
        Group list = row.getGroup(field, 0);
        List<E> out = new ArrayList<>();
        for (int j = 0; j < list.getFieldRepetitionCount("list"); j++) {
            Group e = list.getGroup("list", j);
            out.add(e.getFieldRepetitionCount("element") == 0 ? null : element.apply(e, 0));
        }
        return out;
    }

    @Test
    void statisticsEqualParquetMrs() throws Exception {
        List<Row> rows = rows(60_000, 11); // one row group each, several pages here
        Map<String, Statistics<?>> ours = chunkStatistics(writeFlat("flat.parquet", rows));
        Map<String, Statistics<?>> theirs = chunkStatistics(writeParquetMr("mr.parquet", rows));
        assertEquals(theirs.keySet(), ours.keySet());
        for (String col : theirs.keySet()) {
            Statistics<?> a = ours.get(col), b = theirs.get(col);
            assertEquals(b.getNumNulls(), a.getNumNulls(), col);
            assertTrue(b.hasNonNullValue() && a.hasNonNullValue(), col);
            assertArrayEquals(b.getMinBytes(), a.getMinBytes(), col + " min " + a + " vs " + b);
            assertArrayEquals(b.getMaxBytes(), a.getMaxBytes(), col + " max " + a + " vs " + b);
        }
    }

    static Map<String, Statistics<?>> chunkStatistics(Path file) throws Exception {
        Map<String, Statistics<?>> stats = new HashMap<>();
        try (ParquetFileReader f = open(file)) {
            for (BlockMetaData b : f.getFooter().getBlocks()) {
                for (ColumnChunkMetaData c : b.getColumns()) {
                    stats.merge(c.getPath().toDotString(), c.getStatistics(), (x, y) -> {
                        x.mergeStatistics(y);
                        return x;
                    });
                }
            }
        }
        return stats;
    }

    @Test
    void aDictionaryPastItsLimitTurnsPlainWithoutLosingValues() throws Exception {
        // Distinct keys of 100 bytes: the dictionary passes 1 MB after about 10,000 of them.
        List<Row> rows = rows(30_000, 3);
        for (int i = 0; i < rows.size(); i++) rows.get(i).key = String.format("%0100d", i % 25_000);
        Path file = writeFlat("big-dictionary.parquet", rows);
        try (ParquetFileReader f = open(file)) {
            ColumnChunkMetaData key = f.getFooter().getBlocks().get(0).getColumns().get(0);
            assertEquals("key", key.getPath().toDotString());
            assertFalse(key.getEncodings().contains(Encoding.PLAIN_DICTIONARY), key.getEncodings().toString());
            assertTrue(f.getFooter().getBlocks().get(0).getColumns().get(2).getEncodings().contains(Encoding.PLAIN_DICTIONARY));
        }
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (Row want : rows) assertEquals(want.key, r.read().getString("key", 0));
        }
    }

    @Test
    void anEmptyTableStillCarriesItsSchema() throws Exception {
        Path file = writeFlat("empty.parquet", List.of());
        try (ParquetFileReader f = open(file)) {
            assertEquals(0, f.getFooter().getBlocks().size());
            assertEquals(SCHEMA.parquetSchema(), f.getFooter().getFileMetaData().getSchema());
        }
    }

    @Test
    void aNullInARequiredColumnIsRefusedByName() throws Exception {
        Row r = rows(1, 1).get(0);
        r.key = null;
        assertRefused(r, "flat.key");
    }

    @Test
    void aNullRequiredListIsRefusedByName() throws Exception {
        Row r = rows(1, 1).get(0);
        r.tags = null;
        assertRefused(r, "flat.tags");
    }

    private void assertRefused(Row r, String column) throws Exception {
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem().create(
                new org.apache.flink.core.fs.Path(tmp.resolve("bad.parquet").toUri()), FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<Row> w = new ParquetRowWriter<>(SCHEMA).create(out);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.addElement(r));
            assertTrue(e.getMessage().contains(column), e.getMessage());
        }
    }

    @Test
    void columnDescriptorsFollowTheSchemaOrder() {
        List<ColumnDescriptor> d = SCHEMA.parquetSchema().getColumns();
        assertEquals(SCHEMA.columns().size(), d.size());
        for (int i = 0; i < d.size(); i++) assertEquals(SCHEMA.columns().get(i).name, d.get(i).getPath()[0]);
    }
}
