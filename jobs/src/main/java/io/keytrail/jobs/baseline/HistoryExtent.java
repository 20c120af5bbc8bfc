package io.keytrail.jobs.baseline;

import io.keytrail.parquet.FlinkInputFile;
import io.keytrail.parquet.ParquetFiles;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;

import java.io.IOException;
import java.util.List;

/**
 * The latest event time in a history, from the Parquet footers' column statistics, so that the
 * refresh window can be placed without reading the data. Null when a file cannot tell (JSON Lines,
 * string timestamps, no statistics): the caller then needs --as-of.
 */
public final class HistoryExtent {
    private HistoryExtent() {}

    public static Long latestMicros(List<Path> files) {
        long max = Long.MIN_VALUE;
        for (Path f : files) {
            if (!f.getName().endsWith(".parquet")) return null;
            try (ParquetFileReader r = ParquetFiles.open(new FlinkInputFile(f))) {
                for (BlockMetaData block : r.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData c : block.getColumns()) {
                        if (!c.getPath().toDotString().equals("timestamp")) continue;
                        Statistics<?> st = c.getStatistics();
                        LogicalTypeAnnotation lt = c.getPrimitiveType().getLogicalTypeAnnotation();
                        if (st == null || st.isEmpty() || !st.hasNonNullValue()
                                || !(lt instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts)) {
                            return null;
                        }
                        long v = ((Number) st.genericGetMax()).longValue();
                        switch (ts.getUnit()) {
                            case MILLIS: v *= 1000L; break;
                            case NANOS: v = Math.floorDiv(v, 1000L); break;
                            default: break;
                        }
                        max = Math.max(max, v);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return max == Long.MIN_VALUE ? null : max;
    }
}
