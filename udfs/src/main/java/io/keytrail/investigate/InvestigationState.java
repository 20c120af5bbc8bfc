package io.keytrail.investigate;

import io.keytrail.model.Incident;
import io.keytrail.model.UsageRecord;

import java.util.ArrayList;
import java.util.List;

/** What a key's investigation remembers between records. Flink POJO (public fields, no Kryo). */
public class InvestigationState {
    public boolean open;
    public String incidentId;
    public long startMicros = Incident.NONE;
    public String startSource;
    public long exposureAtMicros = Incident.NONE;
    public int severity = -1;
    public long detectedAtMicros = Incident.NONE;
    public List<String> alertTypes = new ArrayList<>();
    public List<String> attackerIps = new ArrayList<>();
    public List<String> attackerUserAgents = new ArrayList<>();
    public List<String> attackerModels = new ArrayList<>();
    public long attackerRequests;
    public long attackerTokens;
    public double attackerCost;
    public long lastActivityMicros = Incident.NONE;
    /** Set when attacker requests have only been refused (401/403) since the last one that worked. */
    public boolean refusedSinceLastSuccess;
    public long containedAtMicros = Incident.NONE;
    public long timelineSize;
    public int incidentRevision = -1;
    public int scopeRevision = -1;
    public String scopeSignature;
    public boolean dirty;
    /** Records not from a legitimate IP, kept for the open days until an incident may claim them. */
    public List<UsageRecord> candidates = new ArrayList<>();
    public long candidatesDropped;
    /** Distinct endpoints and models of the archive (capped), for the scope assessment. */
    public List<String> endpoints = new ArrayList<>();
    public List<String> models = new ArrayList<>();
    public List<HourBucket> hours = new ArrayList<>();

    public InvestigationState() {}
}
