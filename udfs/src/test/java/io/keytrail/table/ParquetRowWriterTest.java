package io.keytrail.table;

import io.keytrail.model.TimelineEntry;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetRowWriterTest {
    private static final String INCIDENT = "inc-0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void nearUniqueColumnsAndTimestampsAreWrittenWithoutADictionary() throws Exception {
        Path file = tmp.resolve("timelines.parquet");
        int rows = 5_000;
        try (ParquetWriter<TimelineEntry> w = new ParquetRowWriter<>(Tables.TIMELINES)
                .openFile(new org.apache.flink.core.fs.Path(file.toUri()))) {
            for (int i = 0; i < rows; i++) w.write(entry(i));
        }
        Map<String, Set<Encoding>> encodings = new HashMap<>();
        long read = 0;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
            for (var block : r.getFooter().getBlocks()) {
                read += block.getRowCount();
                for (ColumnChunkMetaData c : block.getColumns()) encodings.put(c.getPath().toDotString(), c.getEncodings());
            }
        }
        assertEquals(rows, read);
        // Read back: repeated instances, equal strings in new instances and distinct values all survive.
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (int i = 0; i < rows; i++) {
                Group g = r.read();
                TimelineEntry want = entry(i);
                assertEquals(want.action, g.getString("action", 0));
                assertEquals(want.incidentId, g.getString("incident_id", 0));
                assertEquals(want.phase, g.getString("phase", 0));
                assertEquals(want.model, g.getString("model", 0));
                assertEquals(want.tsMicros, g.getLong("timestamp", 0));
            }
            assertNull(r.read());
        }
        for (String plain : new String[] {"action", "cost_usd", "timestamp"}) {
            assertFalse(usesDictionary(encodings.get(plain)), plain + " " + encodings.get(plain));
        }
        // Repetitive columns keep their dictionary.
        for (String dict : new String[] {"model", "phase", "api_key_id"}) {
            assertTrue(usesDictionary(encodings.get(dict)), dict + " " + encodings.get(dict));
        }
    }

    @Test
    void nearUniqueNeedsAnExistingColumn() {
        TableSchema.Builder<TimelineEntry> b = TableSchema.<TimelineEntry>builder("t", "doc")
                .required("action", ColumnType.STRING, e -> e.action, "doc");
        assertThrows(IllegalArgumentException.class, () -> b.nearUnique("actoin"));
        assertTrue(b.nearUnique("action").build().isNearUnique("action"));
        assertFalse(Tables.TIMELINES.isNearUnique("model"));
    }

    private static boolean usesDictionary(Set<Encoding> e) {
        return e.contains(Encoding.PLAIN_DICTIONARY) || e.contains(Encoding.RLE_DICTIONARY);
    }

    private static TimelineEntry entry(int i) {
        TimelineEntry e = new TimelineEntry();
        e.incidentId = i / 100 % 2 == 0 ? INCIDENT : new String(INCIDENT) + (i / 200 % 2); // runs of one instance, then others
        e.apiKeyId = "sk-...k" + (i % 3);
        e.tsMicros = 1_700_000_000_000_000L + i * 1_000_003L;
        e.seq = i;
        e.phase = i % 2 == 0 ? "exploitation" : new String("reconnaissance");
        e.action = "Called gpt-4 with " + (1000 + i) + " input tokens ($" + i + ".17)";
        e.model = "gpt-4";
        e.endpoint = "/v1/chat/completions";
        e.inputTokens = 1000 + i;
        e.outputTokens = 10;
        e.costUsd = i * 0.0137;
        e.confidence = 0.7;
        e.profile = "reference";
        return e;
    }
}
