package io.keytrail.jobs.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The figures of one group of keys (all, per-request, bucketed, one scenario class) under one profile. */
public final class GroupScores {
    static final long TEN_MINUTES = 600_000_000L;

    public final String group;
    public int keys;
    public int compromised;
    public int flagged;
    public int truePositives;
    public int startWithin10Min;
    public long timelineEntries;
    public long attackerEntries;
    public long truthRecords;
    /** Time to detect of each detected compromised key, minutes of event time. */
    public final List<Double> ttdMinutes = new ArrayList<>();

    GroupScores(String group) {
        this.group = group;
    }

    void add(Truth.Key k, KeyOutcome o, int truthRecordsOfKey) {
        keys++;
        if (o.flagged()) flagged++;
        timelineEntries += o.timelineEntries();
        attackerEntries += o.attackerEntries();
        truthRecords += truthRecordsOfKey;
        if (!k.compromised()) return;
        compromised++;
        if (o.flagged()) {
            truePositives++;
            ttdMinutes.add((o.firstHighMicros() - k.startMicros()) / 60e6);
        }
        if (o.flagged() && o.compromiseStartMicros() != Long.MIN_VALUE && Math.abs(o.compromiseStartMicros() - k.startMicros()) <= TEN_MINUTES) {
            startWithin10Min++;
        }
    }

    public int falsePositives() {
        return flagged - truePositives;
    }

    /** NaN when undefined (no compromised key, nothing flagged, no timeline). */
    public double recall() {
        return compromised == 0 ? Double.NaN : (double) truePositives / compromised;
    }

    public double precision() {
        return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
    }

    public double medianTtd() {
        return quantile(0.5);
    }

    public double p90Ttd() {
        return quantile(0.9);
    }

    public double startShare() {
        return compromised == 0 ? Double.NaN : (double) startWithin10Min / compromised;
    }

    public double attributionPrecision() {
        return timelineEntries == 0 ? Double.NaN : (double) attackerEntries / timelineEntries;
    }

    public double attributionRecall() {
        return truthRecords == 0 ? Double.NaN : (double) attackerEntries / truthRecords;
    }

    /** Nearest-rank quantile of the times to detect; NaN when none. */
    double quantile(double q) {
        if (ttdMinutes.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(ttdMinutes);
        Collections.sort(s);
        int rank = (int) Math.ceil(q * s.size());
        return s.get(Math.max(0, rank - 1));
    }
}
