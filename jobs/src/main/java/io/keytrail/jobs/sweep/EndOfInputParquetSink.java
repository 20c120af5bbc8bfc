package io.keytrail.jobs.sweep;

import io.keytrail.table.ParquetRowWriter;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;

/**
 * A table written by a bounded job: each subtask writes one Parquet file under a hidden name and renames
 * it to {@code part-NNNNN.parquet} (its subtask index) when its input ends; a subtask with no rows
 * writes nothing.
 *
 * <p>Why not FileSink: its committer runs as tasks of their own, scheduled once the writers are done, a
 * round per table; a 10 M sweep spent about 0.2 s on them after its last record. Its two-phase commit
 * buys nothing for a bounded job, which is rerun whole after a failure, and whose tables are staged and
 * swapped in only after it succeeded ({@link io.keytrail.jobs.tables.OutputDir}). A rerun attempt of a
 * subtask writes the same name again. Unbounded jobs keep FileSink, which finishes files on checkpoints.
 */
public final class EndOfInputParquetSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final Path dir;
    private final ParquetRowWriter<T> format;

    public EndOfInputParquetSink(Path dir, ParquetRowWriter<T> format) {
        this.dir = dir;
        this.format = format;
    }

    /** The finished file of subtask {@code subtask}. */
    private static Path partFile(Path dir, int subtask) {
        return new Path(dir, String.format("part-%05d.parquet", subtask));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(dir, format, context.getTaskInfo().getIndexOfThisSubtask());
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final ParquetRowWriter<T> format;
        private final Path hidden;
        private final Path finished;
        private FSDataOutputStream stream;
        private BulkWriter<T> rows;

        Writer(Path dir, ParquetRowWriter<T> format, int subtask) {
            this.format = format;
            this.finished = partFile(dir, subtask);
            this.hidden = new Path(dir, "." + finished.getName() + ".inprogress");
        }

        @Override
        public void write(T element, Context context) throws IOException {
            if (rows == null) {
                stream = hidden.getFileSystem().create(hidden, FileSystem.WriteMode.OVERWRITE);
                rows = format.create(stream);
            }
            rows.addElement(element);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput || rows == null) return;
            rows.finish();
            stream.close();
            rows = null;
            stream = null;
            FileSystem fs = hidden.getFileSystem();
            // A failed earlier attempt of this subtask may have finished its file already.
            fs.delete(finished, false);
            if (!fs.rename(hidden, finished)) throw new IOException("cannot rename " + hidden + " to " + finished);
        }

        /** Without end of input (a failed or cancelled task): drops the unfinished file. */
        @Override
        public void close() throws IOException {
            if (stream == null) return;
            stream.close();
            stream = null;
            rows = null;
            hidden.getFileSystem().delete(hidden, false);
        }
    }
}
