package io.keytrail.jobs.baseline;

import io.keytrail.baseline.CostDayOwners;
import io.keytrail.detect.DayClock;
import io.keytrail.model.UsageRecord;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.Tables;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The footers' timestamp ranges, against the timestamps written; files that cannot tell have none. */
class HistoryExtentTest {
    private static final long DAY = 86_400_000_000L;
    private static final long T0 = 1_767_225_600_000_000L; // 2026-01-01T00:00Z

    /** Writes {@code n} records at random instants in [from, to], shuffled, in row groups of whatever size; returns {min, max}. */
    static long[] write(Path p, long from, long to, int n, long seed) throws Exception {
        Random rnd = new Random(seed);
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        try (ParquetWriter<UsageRecord> w = new ParquetRowWriter<>(Tables.USAGE).openFile(p)) {
            for (int i = 0; i < n; i++) {
                UsageRecord r = new UsageRecord();
                r.tsMicros = from + (long) (rnd.nextDouble() * (to - from));
                r.apiKeyId = "key";
                r.model = "m";
                min = Math.min(min, r.tsMicros);
                max = Math.max(max, r.tsMicros);
                w.write(r);
            }
        }
        return new long[] {min, max};
    }

    @Test
    void rangesComeFromTheFootersAndOwnersFromTheRanges(@TempDir java.nio.file.Path tmp) throws Exception {
        Path a = new Path(tmp.resolve("a.parquet").toUri()), b = new Path(tmp.resolve("b.parquet").toUri());
        long[] ra = write(a, T0 + DAY / 2, T0 + 3 * DAY + DAY / 3, 5_000, 1);
        long[] rb = write(b, T0 + 3 * DAY + DAY / 2, T0 + 6 * DAY, 5_000, 2);
        List<long[]> ranges = HistoryExtent.microsRanges(List.of(a, b));
        assertArrayEquals(ra, ranges.get(0));
        assertArrayEquals(rb, ranges.get(1));
        assertEquals(rb[1], HistoryExtent.latestMicrosOf(ranges));

        CostDayOwners owners = HistoryExtent.costDayOwners(List.of(a, b), new DayClock(DetectionProfile.load("reference")));
        long d0 = T0 / DAY;
        for (long d = d0; d <= d0 + 3; d++) assertTrue(owners.owns(0, d), "day " + (d - d0));
        assertFalse(owners.owns(1, d0 + 3), "day 3 is in both files: the first owns it");
        for (long d = d0 + 4; d <= d0 + 5; d++) assertTrue(owners.owns(1, d), "day " + (d - d0));
        assertFalse(owners.owns(1, d0 + 6), "no record of day 6 was written: outside every range");
    }

    @Test
    void aFileThatCannotTellHasNoRangeAndNoLatest(@TempDir java.nio.file.Path tmp) throws Exception {
        Path a = new Path(tmp.resolve("a.parquet").toUri());
        long[] ra = write(a, T0, T0 + DAY, 100, 3);
        java.nio.file.Path jsonl = tmp.resolve("b.jsonl");
        Files.writeString(jsonl, "{\"timestamp\":\"2026-01-05T00:00:00Z\",\"api_key_id\":\"k\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1}\n");
        Path b = new Path(jsonl.toUri());
        List<long[]> ranges = HistoryExtent.microsRanges(List.of(a, b));
        assertArrayEquals(ra, ranges.get(0));
        assertNull(ranges.get(1));
        assertNull(HistoryExtent.latestMicrosOf(ranges));
        CostDayOwners owners = HistoryExtent.costDayOwners(List.of(b, a), new DayClock(DetectionProfile.load("reference")));
        assertFalse(owners.owns(1, T0 / DAY), "after a file of unknown range no file owns a day");
    }

    @Test
    void anEmptyFileHasNoRange(@TempDir java.nio.file.Path tmp) throws Exception {
        Path a = new Path(tmp.resolve("a.parquet").toUri());
        new ParquetRowWriter<>(Tables.USAGE).writeEmpty(a);
        assertNull(HistoryExtent.microsRanges(List.of(a)).get(0));
    }
}
