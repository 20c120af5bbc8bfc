package io.keytrail.jobs.sweep;

import io.keytrail.jobs.TestFiles;
import io.keytrail.model.Reject;
import io.keytrail.table.Tables;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded jobs' table sink: one finished file per subtask that had rows, nothing hidden left, every row once. */
class EndOfInputParquetSinkTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @TempDir
    java.nio.file.Path tmp;

    static List<Reject> rejects(int n) {
        List<Reject> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) rs.add(Reject.of("archive", "f.parquet", "row " + i, "reason " + (i % 7), i % 3 == 0 ? null : "raw " + i));
        return rs;
    }

    static StreamExecutionEnvironment batch(int parallelism) {
        // Exactly this parallelism: left on, the adaptive scheduler runs small inputs with fewer subtasks.
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(parallelism);
        return env;
    }

    static List<String> names(java.nio.file.Path dir) throws Exception {
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachSubtaskFinishesOneFileAndEveryRowIsWrittenOnce() throws Exception {
        StreamExecutionEnvironment env = batch(2);
        java.nio.file.Path dir = tmp.resolve("rejects");
        DataStream<Reject> in = env.fromData(rejects(5000)).rebalance();
        ParquetSinks sinks = new ParquetSinks(table -> new Path(dir.toUri()));
        sinks.rejects(in);
        sinks.finish();
        env.execute("sink test");

        assertEquals(List.of("part-00000.parquet", "part-00001.parquet"), names(dir), "no hidden in-progress file is left");
        List<String> read = new ArrayList<>();
        for (Object[] row : TestFiles.readTable(dir, "location", "reason", "raw")) read.add(row[0] + "|" + row[1] + "|" + row[2]);
        List<String> expected = new ArrayList<>();
        for (Reject r : rejects(5000)) expected.add(r.location + "|" + r.reason + "|" + r.raw);
        read.sort(null);
        expected.sort(null);
        assertEquals(expected, read);
    }

    @Test
    void aSubtaskWithoutRowsWritesNoFile() throws Exception {
        StreamExecutionEnvironment env = batch(3);
        java.nio.file.Path dir = tmp.resolve("one");
        DataStream<Reject> in = env.fromData(rejects(10)).partitionCustom((key, n) -> 1, r -> r.input);
        ParquetSinks sinks = new ParquetSinks(table -> new Path(dir.toUri()));
        sinks.sink(in, Tables.REJECTS);
        env.execute("sink test");

        assertEquals(List.of("part-00001.parquet"), names(dir));
        assertEquals(10, TestFiles.readTable(dir, "location").size());
    }

    @Test
    void aFailedTaskLeavesNoFileBehind() throws Exception {
        StreamExecutionEnvironment env = batch(1);
        java.nio.file.Path dir = tmp.resolve("failed");
        DataStream<Reject> in = env.fromData(rejects(100)).map(new FailAt(60));
        new ParquetSinks(table -> new Path(dir.toUri())).sink(in, Tables.REJECTS);
        assertThrows(Exception.class, () -> env.execute("failing sink test"));
        assertTrue(!Files.exists(dir) || names(dir).isEmpty(), () -> {
            try {
                return "left behind: " + names(dir);
            } catch (Exception e) {
                return e.toString();
            }
        });
    }

    @Test
    void aTableIsWrittenOncePerJob() {
        StreamExecutionEnvironment env = batch(1);
        ParquetSinks sinks = new ParquetSinks(table -> new Path(tmp.resolve(table).toUri()));
        sinks.sink(env.fromData(rejects(1)), Tables.REJECTS);
        assertThrows(IllegalStateException.class, () -> sinks.sink(env.fromData(rejects(1)), Tables.REJECTS));
    }

    /** Passes records on until the {@code n}th, then fails the task. */
    static final class FailAt implements MapFunction<Reject, Reject> {
        private final int n;
        private int seen;

        FailAt(int n) {
            this.n = n;
        }

        @Override
        public Reject map(Reject r) {
            if (++seen == n) throw new IllegalStateException("failing on purpose at record " + n);
            return r;
        }
    }
}
