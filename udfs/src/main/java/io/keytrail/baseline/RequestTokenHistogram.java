package io.keytrail.baseline;

import io.keytrail.model.UsageRecord;

import java.util.Arrays;

/**
 * Tokens (input + output) per request on a log scale, 8 buckets per doubling, weighted by request_count, so a
 * quantile of a key's request sizes needs constant memory. A quantile is the upper edge of its bucket (within 9%).
 *
 * <p>Only the range of buckets in use is stored ({@link #offset} onwards): a key's request sizes
 * span a few doublings, and with 100,000 keys the full 384 buckets per key and history file were
 * most of the sweep's heap and of its history shuffle.
 */
final class RequestTokenHistogram {
    private static final int PER_DOUBLING = 8;
    static final int BUCKETS = 48 * PER_DOUBLING;
    private int offset;
    private long[] counts = new long[0];
    private long total;

    /** The first bucket of {@link #counts()}. */
    int offset() {
        return offset;
    }

    /** The counts from bucket {@link #offset()} on, for a partial that is merged later. */
    long[] counts() {
        return counts.clone();
    }

    /** Adds the counts of another histogram (a partial's): the same as adding its records. */
    void merge(int otherOffset, long[] other) {
        for (int i = 0; i < other.length; i++) {
            if (other[i] == 0) continue;
            addToBucket(otherOffset + i, other[i]);
        }
    }

    void add(UsageRecord r) {
        long n = Math.max(1, r.requestCount);
        double perRequest = (double) (r.inputTokens + r.outputTokens) / n;
        addToBucket(bucket(perRequest), n);
    }

    private void addToBucket(int b, long n) {
        if (counts.length == 0) {
            offset = b;
            counts = new long[1];
        } else if (b < offset) {
            long[] grown = new long[counts.length + (offset - b)];
            System.arraycopy(counts, 0, grown, offset - b, counts.length);
            counts = grown;
            offset = b;
        } else if (b >= offset + counts.length) {
            counts = Arrays.copyOf(counts, b - offset + 1);
        }
        counts[b - offset] += n;
        total += n;
    }

    /** {@link #bucket} of the whole numbers below its length: most rows are one request of whole tokens. */
    private static final int[] WHOLE = new int[1 << 16];

    static {
        for (int i = 0; i < WHOLE.length; i++) WHOLE[i] = logBucket(i);
    }

    static int bucket(double tokens) {
        if (tokens >= 0 && tokens < WHOLE.length) {
            int i = (int) tokens;
            if (i == tokens) return WHOLE[i];
        }
        return logBucket(tokens);
    }

    private static int logBucket(double tokens) {
        if (!(tokens > 0)) return 0;
        int i = (int) Math.floor(Math.log(tokens + 1) / Math.log(2) * PER_DOUBLING);
        return Math.max(0, Math.min(i, BUCKETS - 1));
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
            if (acc >= need) return upperEdge(offset + i);
        }
        return upperEdge(offset + counts.length - 1);
    }
}
