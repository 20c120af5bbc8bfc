package io.keytrail.jobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, min and max of a few measurements. */
final class Stats {
    private Stats() {}

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> v) {
        return Collections.min(v);
    }

    static double max(List<Double> v) {
        return Collections.max(v);
    }
}
