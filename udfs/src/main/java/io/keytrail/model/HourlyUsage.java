package io.keytrail.model;

import java.io.Serializable;

/** A key's usage in one hour of the archive: what the report charts against the baseline band. */
public class HourlyUsage implements Serializable {
    private static final long serialVersionUID = 1L;

    public String apiKeyId;
    public long hourMicros;
    public long requests;
    public double costUsd;
    public long attackerRequests;
    public String profile;

    public HourlyUsage() {}
}
