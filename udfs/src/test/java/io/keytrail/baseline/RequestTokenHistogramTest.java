package io.keytrail.baseline;

import io.keytrail.model.UsageRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTokenHistogramTest {
    static UsageRecord rec(long tokens, long requests) {
        UsageRecord r = new UsageRecord();
        r.inputTokens = tokens;
        r.requestCount = requests;
        return r;
    }

    /** The q-quantile straight from the sorted request sizes: the bucket edge of the ceil(q*n)-th request. */
    static double expected(List<long[]> sizesAndWeights, double q) {
        List<long[]> sorted = new ArrayList<>(sizesAndWeights);
        sorted.sort(Comparator.comparingDouble(x -> (double) x[0] / x[1]));
        long total = sorted.stream().mapToLong(x -> x[1]).sum();
        long need = (long) Math.ceil(q * total), acc = 0;
        for (long[] x : sorted) {
            acc += x[1];
            if (acc >= need) return RequestTokenHistogram.upperEdge(RequestTokenHistogram.bucket((double) x[0] / x[1]));
        }
        throw new AssertionError();
    }

    @Test
    void quantilesMatchTheSortedRequestsWhateverOrderTheBucketsGrowIn() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            RequestTokenHistogram h = new RequestTokenHistogram();
            List<long[]> seen = new ArrayList<>();
            int n = 1 + rnd.nextInt(300);
            for (int i = 0; i < n; i++) {
                long tokens = rnd.nextInt(4) == 0 ? 0 : (long) Math.pow(10, rnd.nextDouble() * 7);
                long requests = 1 + rnd.nextInt(3);
                h.add(rec(tokens, requests));
                seen.add(new long[] {tokens, requests});
            }
            for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 1.0}) assertEquals(expected(seen, q), h.quantile(q), "trial " + trial + " q " + q);
        }
    }

    /** The bucket of a request size as documented: eight per doubling of tokens + 1, clamped. */
    static int logScaleBucket(double tokens) {
        if (!(tokens > 0)) return 0;
        return Math.max(0, Math.min((int) Math.floor(Math.log(tokens + 1) / Math.log(2) * 8), 48 * 8 - 1));
    }

    @Test
    void wholeNumbersTakenFromTheTableFallInTheSameBucketsAsTheLogScale() {
        for (int t = 0; t < 70_000; t++) assertEquals(logScaleBucket(t), RequestTokenHistogram.bucket(t), "tokens " + t);
        for (double t : new double[] {-1, Double.NaN, 0.5, 1.5, 65_535.5, 65_536, 1e9, 1e300, Double.POSITIVE_INFINITY}) {
            assertEquals(logScaleBucket(t), RequestTokenHistogram.bucket(t), "tokens " + t);
        }
    }

    @Test
    void mergingPartialsEqualsAddingTheirRecordsAndOnlyTheUsedRangeIsKept() {
        Random rnd = new Random(5);
        RequestTokenHistogram whole = new RequestTokenHistogram();
        RequestTokenHistogram merged = new RequestTokenHistogram();
        for (int part = 0; part < 20; part++) {
            RequestTokenHistogram p = new RequestTokenHistogram();
            long base = (long) Math.pow(10, 1 + rnd.nextInt(5));
            for (int i = 0; i < 50; i++) {
                UsageRecord r = rec(base + rnd.nextInt((int) base), 1);
                p.add(r);
                whole.add(r);
            }
            assertTrue(p.counts().length < 40, "a partial keeps only its range, not all " + RequestTokenHistogram.BUCKETS + " buckets");
            merged.merge(p.offset(), p.counts());
        }
        assertEquals(whole.offset(), merged.offset());
        assertEquals(java.util.Arrays.toString(whole.counts()), java.util.Arrays.toString(merged.counts()));
        assertEquals(0.0, new RequestTokenHistogram().quantile(0.99));
    }
}
