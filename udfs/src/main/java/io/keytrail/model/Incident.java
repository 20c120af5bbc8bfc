package io.keytrail.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One revision of a key's incident. The highest revision per incident_id is the incident. */
public class Incident implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final long NONE = Long.MIN_VALUE;

    public String incidentId;
    public int revision;
    public String apiKeyId;
    public String apiKeyFingerprint;
    public String provider;
    public String severity;
    public long compromiseStartMicros = NONE;
    /** analyst, leak or estimate. */
    public String compromiseStartSource;
    public long exposureAtMicros = NONE;
    public long detectedAtMicros = NONE;
    public long dwellTimeSeconds = NONE;
    public long containedAtMicros = NONE;
    public long lastActivityMicros = NONE;
    public List<String> alertTypes = new ArrayList<>();
    public List<String> attackerIps = new ArrayList<>();
    public List<String> attackerUserAgents = new ArrayList<>();
    public long attackerRequests;
    public long attackerTokens;
    public double attackerCostUsd;
    public String dataExposureRisk;
    public String financialExposure;
    public String profile;

    public Incident() {}
}
