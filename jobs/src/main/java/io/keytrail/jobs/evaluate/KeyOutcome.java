package io.keytrail.jobs.evaluate;

/**
 * What one profile's sweep said about one key: whether it was flagged (an incident reached high or critical),
 * when it first did (detected_at of the first such revision), the incident's latest compromise start, and how
 * many timeline entries it has and how many of them are attacker records.
 */
record KeyOutcome(boolean flagged, long firstHighMicros, long compromiseStartMicros, long timelineEntries, long attackerEntries) {
    static final KeyOutcome NONE = new KeyOutcome(false, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0);
}
