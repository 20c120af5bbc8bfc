package io.keytrail.baseline;

import io.keytrail.model.UsageRecord;

/**
 * Tokens (input + output) per request on a log scale, 8 buckets per doubling, weighted by request_count, so a
 * quantile of a key's request sizes needs constant memory. A quantile is the upper edge of its bucket (within 9%).
 */
final class RequestTokenHistogram {
    private static final int PER_DOUBLING = 8;
    private final long[] counts = new long[48 * PER_DOUBLING];
    private long total;

    /** The bucket counts, for a partial that is merged later. */
    long[] counts() {
        return counts.clone();
    }

    /** Adds the counts of another histogram (a partial's): the same as adding its records. */
    void merge(long[] other) {
        for (int i = 0; i < other.length; i++) {
            counts[i] += other[i];
            total += other[i];
        }
    }

    void add(UsageRecord r) {
        long n = Math.max(1, r.requestCount);
        double perRequest = (double) (r.inputTokens + r.outputTokens) / n;
        int i = bucket(perRequest);
        counts[i] += n;
        total += n;
    }

    static int bucket(double tokens) {
        if (!(tokens > 0)) return 0;
        int i = (int) Math.floor(Math.log(tokens + 1) / Math.log(2) * PER_DOUBLING);
        return Math.max(0, Math.min(i, 48 * PER_DOUBLING - 1));
    }

    static double upperEdge(int bucket) {
        return Math.pow(2, (bucket + 1) / (double) PER_DOUBLING) - 1;
    }

    /** The bucket edge under which at least share q of the requests fall; 0 without data. */
    double quantile(double q) {
        if (total == 0) return 0;
        long need = (long) Math.ceil(q * total);
        long acc = 0;
        for (int i = 0; i < counts.length; i++) {
            acc += counts[i];
            if (acc >= need) return upperEdge(i);
        }
        return upperEdge(counts.length - 1);
    }
}
