package io.keytrail.jobs.baseline;

import io.keytrail.baseline.CostDayOwners;
import io.keytrail.detect.DayClock;
import io.keytrail.ingest.FieldNames;
import io.keytrail.parquet.FlinkInputFile;
import io.keytrail.parquet.ParquetFiles;
import io.keytrail.parquet.ParquetValues;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event times a history spans, from the Parquet footers' column statistics, read before the job:
 * the latest, so that the refresh window can be placed without reading the data, and each file's
 * range, so that a file's baseline partials can sum the days no earlier file holds
 * ({@link CostDayOwners}). A file that cannot tell (JSON Lines, string timestamps, no statistics) has
 * no range.
 */
public final class HistoryExtent {
    private HistoryExtent() {}

    /**
     * The latest timestamp of the files whose ranges {@link #microsRanges} read, or null when one of them
     * cannot tell (the caller then needs --as-of).
     */
    public static Long latestMicrosOf(List<long[]> ranges) {
        long max = Long.MIN_VALUE;
        for (long[] r : ranges) {
            if (r == null) return null;
            max = Math.max(max, r[1]);
        }
        return max == Long.MIN_VALUE ? null : max;
    }

    /** Which file owns which day's costs, from each file's range in the days of {@code clock}. */
    public static CostDayOwners costDayOwners(List<Path> files, DayClock clock) {
        return costDayOwnersOf(microsRanges(files), clock);
    }

    /** As {@link #costDayOwners}, from ranges already read with {@link #microsRanges}. */
    public static CostDayOwners costDayOwnersOf(List<long[]> ranges, DayClock clock) {
        List<long[]> days = new ArrayList<>();
        for (long[] r : ranges) days.add(r == null ? null : clock.dayRange(r[0], r[1]));
        return CostDayOwners.of(days);
    }

    /** Each file's {first, last} timestamp (micros), or null for a file that cannot tell or holds none. */
    public static List<long[]> microsRanges(List<Path> files) {
        List<long[]> out = new ArrayList<>(files.size());
        for (Path f : files) out.add(microsRange(f));
        return out;
    }

    private static long[] microsRange(Path f) {
        if (!f.getName().endsWith(".parquet")) return null;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        try {
            for (BlockMetaData block : ParquetFiles.footer(new FlinkInputFile(f)).getBlocks()) {
                boolean found = false;
                for (ColumnChunkMetaData c : block.getColumns()) {
                    if (!"timestamp".equals(FieldNames.canonical(c.getPath().toDotString()))) continue;
                    Statistics<?> st = c.getStatistics();
                    LogicalTypeAnnotation lt = c.getPrimitiveType().getLogicalTypeAnnotation();
                    if (st == null || st.isEmpty() || !(lt instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts)) {
                        return null;
                    }
                    found = true;
                    if (!st.hasNonNullValue()) continue;
                    min = Math.min(min, ParquetValues.toMicros(((Number) st.genericGetMin()).longValue(), ts.getUnit()));
                    max = Math.max(max, ParquetValues.toMicros(((Number) st.genericGetMax()).longValue(), ts.getUnit()));
                }
                if (!found && block.getRowCount() > 0) return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return min > max ? null : new long[] {min, max};
    }
}
