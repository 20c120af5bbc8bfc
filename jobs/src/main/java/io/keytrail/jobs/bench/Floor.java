package io.keytrail.jobs.bench;

import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.parquet.ParquetColumnScan;
import org.apache.flink.core.fs.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor: decoding just the needed columns of the same files, one thread per core, in this
 * process. Read twice and the faster kept (the first also warms the page cache for both sides).
 */
record Floor(long historyRows, long archiveRows, int threads, double seconds) {
    long rows() {
        return historyRows + archiveRows;
    }

    static Floor measure(InputFiles history, InputFiles archive, List<String> columns) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = Double.MAX_VALUE;
            long h = 0, a = 0;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                h = scan(pool, history.files, columns);
                a = scan(pool, archive.files, columns);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return new Floor(h, a, threads, best);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long scan(ExecutorService pool, List<Path> files, List<String> columns) throws Exception {
        List<Future<ParquetColumnScan.Result>> parts = new ArrayList<>();
        for (Path f : files) parts.add(pool.submit(() -> ParquetColumnScan.scan(f, columns)));
        long rows = 0;
        for (Future<ParquetColumnScan.Result> p : parts) rows += p.get().rows();
        return rows;
    }
}
