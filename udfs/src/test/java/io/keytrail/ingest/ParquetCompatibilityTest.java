package io.keytrail.ingest;

import io.keytrail.model.UsageRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parquet as other tools write it (pyarrow, DuckDB, Spark): every timestamp encoding, INT32 or INT64
 * integers, any column order, extra columns, nulls in every nullable column, the seed's column name.
 */
class ParquetCompatibilityTest {
    static final Instant T = Instant.parse("2026-02-03T04:05:06.123456Z");
    static final long T_MICROS = T.getEpochSecond() * 1_000_000L + T.getNano() / 1000;

    static File write(File dir, String name, String schemaText, BiConsumer<SimpleGroupFactory, List<Group>> rows) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType(schemaText);
        File f = new File(dir, name);
        SimpleGroupFactory gf = new SimpleGroupFactory(schema);
        List<Group> groups = new java.util.ArrayList<>();
        rows.accept(gf, groups);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(f.toURI()))
                .withType(schema).withConf(new Configuration()).build()) {
            for (Group g : groups) w.write(g);
        }
        return f;
    }

    static UsageRecord only(List<ParsedRow> rows) {
        assertEquals(1, rows.size());
        assertNull(rows.get(0).reject, () -> "rejected: " + rows.get(0).reject);
        return rows.get(0).record;
    }

    @Test
    void timestampMillisUtcWithInt32TokensReorderedAndExtraColumns(@TempDir File dir) throws Exception {
        File f = write(dir, "a.parquet", "message m { optional binary extra (STRING); required int32 output_tokens;"
                + " required binary model (STRING); required int32 input_tokens;"
                + " required int64 timestamp (TIMESTAMP(MILLIS,true)); required binary api_key_id (STRING);"
                + " optional group nested { optional int32 x; } }", (gf, rows) -> {
            Group g = gf.newGroup().append("extra", "ignored").append("output_tokens", 7).append("model", "gpt-4o")
                    .append("input_tokens", 11).append("timestamp", T.toEpochMilli()).append("api_key_id", "key_a");
            g.addGroup("nested").append("x", 1);
            rows.add(g);
        });
        UsageRecord r = only(FormatReading.read(f));
        assertEquals(T_MICROS / 1000 * 1000, r.tsMicros);
        assertEquals("key_a", r.apiKeyId);
        assertEquals(11, r.inputTokens);
        assertEquals(7, r.outputTokens);
        assertEquals("", r.endpoint, "a missing endpoint reads as the empty string");
        assertEquals(UsageRecord.seqOf(3, 1), r.seq, "position: file index 3, row 1");
    }

    @Test
    void timestampMicrosAndNanosKeepMicrosecondPrecision(@TempDir File dir) throws Exception {
        for (String unit : List.of("MICROS", "NANOS")) {
            long v = unit.equals("MICROS") ? T_MICROS : T_MICROS * 1000 + 789;
            File f = write(dir, unit + ".parquet", "message m { required int64 timestamp (TIMESTAMP(" + unit + ",false));"
                    + " required binary api_key_id (STRING); required binary model (STRING);"
                    + " required int64 input_tokens; required int64 output_tokens; }", (gf, rows) ->
                    rows.add(gf.newGroup().append("timestamp", v).append("api_key_id", "k").append("model", "m")
                            .append("input_tokens", 1L).append("output_tokens", 2L)));
            assertEquals(T_MICROS, only(FormatReading.read(f)).tsMicros, unit);
        }
    }

    @Test
    void int96Timestamps(@TempDir File dir) throws Exception {
        long epochDay = Math.floorDiv(T_MICROS, 86_400_000_000L);
        long nanosOfDay = Math.floorMod(T_MICROS, 86_400_000_000L) * 1000;
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay).putInt((int) (epochDay + 2_440_588));
        File f = write(dir, "int96.parquet", "message m { required int96 timestamp; required binary api_key_id (STRING);"
                + " required binary model (STRING); required int64 input_tokens; required int64 output_tokens; }", (gf, rows) ->
                rows.add(gf.newGroup().append("timestamp", Binary.fromConstantByteArray(b.array())).append("api_key_id", "k")
                        .append("model", "m").append("input_tokens", 1L).append("output_tokens", 2L)));
        assertEquals(T_MICROS, only(FormatReading.read(f)).tsMicros);
    }

    @Test
    void isoStringsWithOffsetsAndEpochMillisIntegers(@TempDir File dir) throws Exception {
        File s = write(dir, "s.parquet", "message m { required binary timestamp (STRING); required binary api_key_prefix (STRING);"
                + " required binary model (STRING); required int64 input_tokens; required int64 output_tokens; }", (gf, rows) ->
                rows.add(gf.newGroup().append("timestamp", "2026-02-02T23:05:06.123456-05:00").append("api_key_prefix", "k")
                        .append("model", "m").append("input_tokens", 1L).append("output_tokens", 2L)));
        UsageRecord r = only(FormatReading.read(s));
        assertEquals(T_MICROS, r.tsMicros);
        assertEquals(-5 * 3600, r.offsetSeconds, "the written offset is kept for as-written days");
        assertEquals("k", r.apiKeyId, "api_key_prefix is the seed's name for api_key_id");

        File m = write(dir, "ms.parquet", "message m { required int64 timestamp; required binary api_key_id (STRING);"
                + " required binary model (STRING); required int32 input_tokens; required int32 output_tokens; }", (gf, rows) ->
                rows.add(gf.newGroup().append("timestamp", T.toEpochMilli()).append("api_key_id", "k")
                        .append("model", "m").append("input_tokens", 1).append("output_tokens", 2)));
        assertEquals(T.toEpochMilli() * 1000, only(FormatReading.read(m)).tsMicros);
    }

    @Test
    void nullsInEveryNullableColumn(@TempDir File dir) throws Exception {
        File f = write(dir, "n.parquet", "message m { required int64 timestamp (TIMESTAMP(MICROS,true));"
                + " required binary api_key_id (STRING); required binary model (STRING); required int64 input_tokens;"
                + " required int64 output_tokens; optional binary endpoint (STRING); optional binary source_ip (STRING);"
                + " optional binary user_agent (STRING); optional int32 status_code; optional double cost_usd;"
                + " optional binary provider (STRING); optional int64 request_count; }", (gf, rows) ->
                rows.add(gf.newGroup().append("timestamp", T_MICROS).append("api_key_id", "k").append("model", "m")
                        .append("input_tokens", 1L).append("output_tokens", 2L)));
        UsageRecord r = only(FormatReading.read(f));
        assertEquals("", r.endpoint);
        assertNull(r.sourceIp);
        assertNull(r.userAgent);
        assertEquals(UsageRecord.NO_STATUS, r.statusCode);
        assertTrue(Double.isNaN(r.costUsd));
        assertEquals(1, r.requestCount);
    }

    @Test
    void nullRequiredFieldsAndBadValuesAreRowRejects(@TempDir File dir) throws Exception {
        File f = write(dir, "bad.parquet", "message m { optional int64 timestamp (TIMESTAMP(MICROS,true));"
                + " optional binary api_key_id (STRING); optional binary model (STRING); optional int64 input_tokens;"
                + " optional int64 output_tokens; optional double cost_usd; }", (gf, rows) -> {
            rows.add(gf.newGroup().append("api_key_id", "k").append("model", "m").append("input_tokens", 1L).append("output_tokens", 2L));
            rows.add(gf.newGroup().append("timestamp", T_MICROS).append("api_key_id", "k").append("model", "m")
                    .append("input_tokens", -1L).append("output_tokens", 2L));
            rows.add(gf.newGroup().append("timestamp", T_MICROS).append("api_key_id", "k").append("model", "m")
                    .append("input_tokens", 1L).append("output_tokens", 2L).append("cost_usd", Double.NaN));
            rows.add(gf.newGroup().append("timestamp", T_MICROS).append("api_key_id", "k").append("model", "m")
                    .append("input_tokens", 1L).append("output_tokens", 2L));
        });
        List<ParsedRow> rows = FormatReading.read(f);
        assertEquals(4, rows.size());
        assertEquals("row 1", rows.get(0).reject.location);
        assertEquals("timestamp is missing", rows.get(0).reject.reason);
        assertTrue(rows.get(1).reject.reason.contains("input_tokens -1 is below 0"));
        assertTrue(rows.get(2).reject.reason.contains("not finite"));
        assertNull(rows.get(3).reject);
    }

    @Test
    void unreadableFilesAreOneRejectWithTheReason(@TempDir File dir) throws Exception {
        File missingCol = write(dir, "nokey.parquet", "message m { required int64 timestamp; required binary model (STRING);"
                + " required int64 input_tokens; required int64 output_tokens; }", (gf, rows) ->
                rows.add(gf.newGroup().append("timestamp", 1L).append("model", "m").append("input_tokens", 1L).append("output_tokens", 1L)));
        List<ParsedRow> r1 = FormatReading.read(missingCol);
        assertEquals(1, r1.size());
        assertEquals("file", r1.get(0).reject.location);
        assertTrue(r1.get(0).reject.reason.contains("missing required column api_key_id"), r1.get(0).reject.reason);

        File empty = new File(dir, "empty.parquet");
        Files.write(empty.toPath(), new byte[0]);
        List<ParsedRow> r2 = FormatReading.read(empty);
        assertEquals(1, r2.size());
        assertTrue(r2.get(0).reject.reason.startsWith("cannot read file"), r2.get(0).reject.reason);

        // A good file with its footer overwritten.
        File corrupt = write(dir, "corrupt.parquet", "message m { required int64 timestamp; required binary api_key_id (STRING);"
                + " required binary model (STRING); required int64 input_tokens; required int64 output_tokens; }", (gf, rows) ->
                rows.add(gf.newGroup().append("timestamp", 1L).append("api_key_id", "k").append("model", "m")
                        .append("input_tokens", 1L).append("output_tokens", 1L)));
        byte[] bytes = Files.readAllBytes(corrupt.toPath());
        for (int i = bytes.length - 40; i < bytes.length - 4; i++) bytes[i] = (byte) 0xAB;
        Files.write(corrupt.toPath(), bytes);
        List<ParsedRow> r3 = FormatReading.read(corrupt);
        assertEquals(1, r3.size());
        assertEquals("file", r3.get(0).reject.location);
    }
}
