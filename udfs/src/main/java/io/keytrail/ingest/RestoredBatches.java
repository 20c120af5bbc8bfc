package io.keytrail.ingest;

import org.apache.flink.connector.file.src.reader.BulkFormat.RecordIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

import java.util.List;

/** Hands a file reader's batches to Flink, dropping what a restored reader had already emitted. */
final class RestoredBatches<T> {
    private final long skip;
    private long emitted;

    RestoredBatches(long skip) {
        this.skip = skip;
    }

    RecordIterator<T> batch(List<T> batch) {
        List<T> out = batch;
        long first = emitted;
        emitted += batch.size();
        if (first < skip) {
            int drop = (int) Math.min(batch.size(), skip - first);
            out = batch.subList(drop, batch.size());
            first += drop;
        }
        return new IteratorResultIterator<>(out.iterator(), CheckpointedPosition.NO_OFFSET, first);
    }
}
