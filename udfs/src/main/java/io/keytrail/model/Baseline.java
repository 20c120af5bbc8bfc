package io.keytrail.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Per-key usage baseline (the seed's build_baseline output), plus the window it covers. */
public class Baseline implements Serializable {
    private static final long serialVersionUID = 1L;

    public String apiKeyId;
    public String apiKeyFingerprint;
    public String provider;
    public double avgDailyRequests;
    public double maxDailyRequests;
    public double stdDailyRequests;
    public double avgDailyCost;
    public double maxDailyCost;
    /** Sorted, for stable output; membership is what the checks use. */
    public List<String> knownModels = new ArrayList<>();
    public List<String> knownIps = new ArrayList<>();
    /** Distinct endpoints of the history (at most 200), for the scope assessment. */
    public List<String> knownEndpoints = new ArrayList<>();
    /** Hours of day (0-23, in the profile's day zone) holding more than the active-hour share. */
    public List<Integer> activeHours = new ArrayList<>();
    /** Distinct user agents of the history (at most 100), sorted. */
    public List<String> knownUserAgents = new ArrayList<>();
    /** 99th percentile of tokens (input + output) per request in the history; 0 when unknown. */
    public double p99RequestTokens;
    public long windowStartMicros;
    public long windowEndMicros;
    public int daysObserved;
    public long records;
    public long requests;
    public String profile;
    public String baselineVersion;

    private transient java.util.Set<String> modelSet;
    private transient java.util.Set<String> ipSet;

    public Baseline() {}

    /** Hash views of the known lists; the lists stay the stored, sorted form. */
    public java.util.Set<String> knownModelSet() {
        if (modelSet == null) modelSet = new java.util.HashSet<>(knownModels);
        return modelSet;
    }

    public java.util.Set<String> knownIpSet() {
        if (ipSet == null) ipSet = new java.util.HashSet<>(knownIps);
        return ipSet;
    }

    public String groupKey() {
        return apiKeyFingerprint != null ? apiKeyFingerprint : apiKeyId;
    }
}
