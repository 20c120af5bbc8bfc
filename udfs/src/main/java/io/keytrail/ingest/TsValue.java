package io.keytrail.ingest;

/** A timestamp already decoded by a reader (Parquet TIMESTAMP/INT96): instant plus written offset. */
public record TsValue(long epochMicros, int offsetSeconds) {}
