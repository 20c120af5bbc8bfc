package io.keytrail.investigate;

/** One open hour of a key's usage. Flink POJO. */
public class HourBucket {
    public long hourMicros;
    public long requests;
    public double cost;
    public long attackerRequests;

    public HourBucket() {}
}
