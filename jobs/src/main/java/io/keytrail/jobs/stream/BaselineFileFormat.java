package io.keytrail.jobs.stream;

import io.keytrail.jobs.tables.TableRows;
import io.keytrail.model.Baseline;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Baseline snapshot files as a Flink source format, so a running stream picks up new snapshots. */
public final class BaselineFileFormat implements BulkFormat<Baseline, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    @Override
    public Reader<Baseline> createReader(Configuration config, FileSourceSplit split) throws IOException {
        List<Baseline> all = new ArrayList<>();
        for (Map<String, Object> r : TableRows.readFile(split.path())) all.add(BaselineSnapshot.of(r));
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        List<Baseline> rest = all.subList((int) Math.min(skip, all.size()), all.size());
        return new Reader<>() {
            private boolean done;

            @Override
            public RecordIterator<Baseline> readBatch() {
                if (done) return null;
                done = true;
                return new IteratorResultIterator<>(rest.iterator(), CheckpointedPosition.NO_OFFSET, skip);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Reader<Baseline> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return createReader(config, split);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Baseline> getProducedType() {
        return TypeInformation.of(Baseline.class);
    }
}
