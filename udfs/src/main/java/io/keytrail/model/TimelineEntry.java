package io.keytrail.model;

import java.io.Serializable;

/** One attacker action in an incident's timeline (the seed's AttackerAction, with the record's details). */
public class TimelineEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    public String incidentId;
    public String apiKeyId;
    public long tsMicros;
    public int tsOffsetSeconds;
    /** 0-based order within the incident. */
    public long seq;
    public String phase;
    public String action;
    public String model;
    public String endpoint;
    public long inputTokens;
    public long outputTokens;
    public String sourceIp;
    public String userAgent;
    public int statusCode = UsageRecord.NO_STATUS;
    public double costUsd;
    public double confidence;
    public String profile;

    public TimelineEntry() {}
}
