package io.keytrail.investigate;

import io.keytrail.detect.AlertIds;
import io.keytrail.detect.CostModel;
import io.keytrail.detect.DayClock;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.model.Alert;
import io.keytrail.model.AlertType;
import io.keytrail.model.Baseline;
import io.keytrail.model.HourlyUsage;
import io.keytrail.model.Incident;
import io.keytrail.model.Ioc;
import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.Severity;
import io.keytrail.model.TimelineEntry;
import io.keytrail.model.UsageRecord;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one key's records and alerts into an incident: its compromise start, the attacker timeline
 * (the seed's reconstruct_timeline, record by record in event time), the scope assessment, IOCs and
 * hourly usage. Plain Java; the Flink detection function calls it after the checks of each record.
 *
 * <p>An incident opens on the key's first high or critical alert, or on its first record at or after a
 * given compromise start (analyst or leak scan). An estimated start is the earliest record of the
 * alert's day that the evidence points at (an unknown source IP or model), else the day's first record.
 * Incident rows are revisions: on opening, when the severity rises, and when a day closes with changes.
 */
public final class KeyInvestigator implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long MICROS_PER_HOUR = 3_600_000_000L;
    static final long QUIET_MICROS = 24 * MICROS_PER_HOUR;
    static final int MAX_LIST = 1000;
    static final int MAX_CANDIDATES = 20_000;

    private final String profile;
    private final PhaseClassifier phases;
    private final ScopeAssessor scopes;
    private final OrgSettings org;
    private final GivenStarts givenStarts;
    private final double confidence;
    private final boolean seedRules;
    private final CostModel cost;
    private final DayClock clock;
    private final long candidateMicros;

    public KeyInvestigator(DetectionProfile profile, CostModel cost, OrgSettings org, GivenStarts givenStarts) {
        this.profile = profile.name;
        this.phases = new PhaseClassifier(profile.investigation.seedRules);
        this.scopes = new ScopeAssessor(profile.investigation.seedRules);
        this.org = org;
        this.givenStarts = givenStarts;
        this.confidence = profile.investigation.confidence;
        this.seedRules = profile.investigation.seedRules;
        this.cost = cost;
        this.clock = new DayClock(profile);
        this.candidateMicros = (long) (profile.investigation.candidateHours * MICROS_PER_HOUR);
    }

    public static String incidentId(String profile, String apiKeyId) {
        return AlertIds.sha256Hex("incident|" + profile + "|" + apiKeyId);
    }

    CompromiseStart given(Baseline b) {
        return givenStarts.forKey(b);
    }

    /** Feeds one record (after the checks ran on it) with the alerts it raised. */
    public void onRecord(UsageRecord r, List<Alert> alerts, Baseline b, InvestigationState s, InvestigationSink out) {
        addCapped(s.endpoints, r.endpoint, 200);
        addCapped(s.models, r.model, 200);
        boolean eligible = !isLegitimate(r, b);
        hour(r, eligible && s.open && r.tsMicros >= s.startMicros, s, b, out);
        boolean wasOpen = s.open;
        if (!wasOpen && eligible) {
            if (s.candidates.size() < MAX_CANDIDATES) s.candidates.add(r);
            else s.candidatesDropped++;
        }
        for (Alert a : alerts) onAlert(a, r, b, s, out);
        if (!s.open) {
            CompromiseStart c = given(b);
            if (c != null && r.tsMicros >= c.startMicros()) open(b, s, c.startMicros(), c.source(), c.exposureAtMicros(), out);
        }
        if (wasOpen && eligible && r.tsMicros >= s.startMicros) attacker(r, b, s, out);
    }

    /** Alerts raised when a day closes (off-hours). */
    public void onAlert(Alert a, UsageRecord trigger, Baseline b, InvestigationState s, InvestigationSink out) {
        if (!s.alertTypes.contains(a.alertType)) {
            s.alertTypes.add(a.alertType);
            s.dirty = true;
        }
        int sev = Severity.ord(a.severity);
        if (!s.open && sev >= Severity.HIGH.ordinal()) {
            CompromiseStart c = given(b);
            if (c != null) open(b, s, c.startMicros(), c.source(), c.exposureAtMicros(), out);
            else open(b, s, estimateStart(s, b, a), CompromiseStart.ESTIMATE, Incident.NONE, out);
        }
        if (s.open && sev > s.severity) {
            s.severity = sev;
            s.detectedAtMicros = a.detectedAtMicros;
            emitIncident(b, s, out);
        }
    }

    /** The earliest record of the alert's day that the evidence points at. */
    long estimateStart(InvestigationState s, Baseline b, Alert a) {
        // A compromise score names its actor, and its timestamp is the actor's first record.
        if (AlertType.COMPROMISE_SCORE.equals(a.alertType)) return a.tsMicros;
        long first = Long.MAX_VALUE, suspicious = Long.MAX_VALUE;
        Set<String> models = b.knownModelSet();
        for (UsageRecord c : s.candidates) {
            if (!a.day.equals(DayClock.dayString(clock.epochDay(c.tsMicros, c.offsetSeconds)))) continue;
            first = Math.min(first, c.tsMicros);
            boolean unknownIp = c.sourceIp != null && !c.sourceIp.isEmpty() && !b.knownIps.isEmpty() && !b.knownIpSet().contains(c.sourceIp);
            if (unknownIp || !models.contains(c.model)) suspicious = Math.min(suspicious, c.tsMicros);
        }
        if (suspicious != Long.MAX_VALUE) return suspicious;
        if (first != Long.MAX_VALUE) return first;
        return a.tsMicros;
    }

    private void open(Baseline b, InvestigationState s, long start, String source, long exposureAt, InvestigationSink out) {
        s.open = true;
        s.incidentId = incidentId(profile, b.apiKeyId);
        s.startMicros = start;
        s.startSource = source;
        s.exposureAtMicros = exposureAt;
        if (s.severity < 0) s.severity = Severity.LOW.ordinal();
        List<UsageRecord> claimed = s.candidates;
        s.candidates = new ArrayList<>();
        emitIncident(b, s, out);
        for (UsageRecord c : claimed) {
            if (c.tsMicros >= start) attacker(c, b, s, out);
        }
        emitScope(b, s, out);
    }

    private void attacker(UsageRecord r, Baseline b, InvestigationState s, InvestigationSink out) {
        AttackPhase phase = phases.classify(r, s.timelineSize);
        double c = cost.of(r);
        TimelineEntry e = new TimelineEntry();
        e.incidentId = s.incidentId;
        e.apiKeyId = b.apiKeyId;
        e.tsMicros = r.tsMicros;
        e.tsOffsetSeconds = r.offsetSeconds;
        e.seq = s.timelineSize++;
        e.phase = phase.wire;
        e.action = PhaseClassifier.describe(r, phase, c);
        e.model = r.model;
        e.endpoint = r.endpoint;
        e.inputTokens = r.inputTokens;
        e.outputTokens = r.outputTokens;
        e.sourceIp = r.sourceIp;
        e.userAgent = r.userAgent;
        e.statusCode = r.statusCode;
        e.costUsd = c;
        e.confidence = confidence(r, b);
        e.profile = profile;
        out.timeline(e);
        s.attackerRequests += r.requestCount;
        s.attackerTokens += r.inputTokens + r.outputTokens;
        s.attackerCost += c;
        boolean refused = r.statusCode == 401 || r.statusCode == 403;
        if (refused) {
            if (s.lastActivityMicros != Incident.NONE) s.refusedSinceLastSuccess = true;
        } else {
            s.lastActivityMicros = r.tsMicros;
            s.refusedSinceLastSuccess = false;
            s.containedAtMicros = Incident.NONE;
        }
        if (r.sourceIp != null && !r.sourceIp.isEmpty() && addCapped(s.attackerIps, r.sourceIp, MAX_LIST)) {
            ioc(s, b, r.sourceIp.contains(":") ? "ipv6-addr" : "ipv4-addr", r.sourceIp, r.tsMicros, out);
        }
        if (r.userAgent != null && !r.userAgent.isEmpty() && addCapped(s.attackerUserAgents, r.userAgent, 100)) {
            ioc(s, b, "user-agent", r.userAgent, r.tsMicros, out);
        }
        if (!b.knownModelSet().contains(r.model) && addCapped(s.attackerModels, r.model, 100)) {
            ioc(s, b, "model", r.model, r.tsMicros, out);
        }
        s.dirty = true;
    }

    /**
     * The seed gives every action 0.7. The default profile weighs the evidence: a request from an IP the
     * key never used is likely the attacker's, more so with a model it never used; a request without an
     * IP is only placed in the window by its time.
     */
    double confidence(UsageRecord r, Baseline b) {
        if (seedRules) return confidence;
        boolean noIp = r.sourceIp == null || r.sourceIp.isEmpty();
        boolean newModel = !b.knownModelSet().contains(r.model);
        if (noIp) return newModel ? 0.6 : 0.4;
        return newModel ? 0.95 : 0.85;
    }

    private void ioc(InvestigationState s, Baseline b, String type, String value, long ts, InvestigationSink out) {
        Ioc i = new Ioc();
        i.iocId = AlertIds.sha256Hex("ioc|" + s.incidentId + "|" + type + "|" + value);
        i.incidentId = s.incidentId;
        i.apiKeyId = b.apiKeyId;
        i.type = type;
        i.value = value;
        i.firstSeenMicros = ts;
        i.profile = profile;
        out.ioc(i);
    }

    /** A day closed at {@code closeMicros}: claimable candidates of past days go, the incident is brought up to date. */
    public void onDayClosed(long closeMicros, Baseline b, InvestigationState s, InvestigationSink out) {
        Iterator<UsageRecord> it = s.candidates.iterator();
        while (it.hasNext()) {
            if (it.next().tsMicros < closeMicros - candidateMicros) it.remove();
        }
        flushHours(closeMicros, b, s, out);
        if (!s.open) return;
        if (s.lastActivityMicros != Incident.NONE && s.containedAtMicros == Incident.NONE
                && (s.refusedSinceLastSuccess || closeMicros - s.lastActivityMicros >= QUIET_MICROS)) {
            s.containedAtMicros = s.lastActivityMicros;
            s.dirty = true;
        }
        if (s.dirty) emitIncident(b, s, out);
        emitScope(b, s, out);
    }

    private void hour(UsageRecord r, boolean attacker, InvestigationState s, Baseline b, InvestigationSink out) {
        long h = Math.floorDiv(r.tsMicros, MICROS_PER_HOUR) * MICROS_PER_HOUR;
        flushHours(h, b, s, out);
        HourBucket cur = null;
        for (HourBucket x : s.hours) if (x.hourMicros == h) cur = x;
        if (cur == null) {
            cur = new HourBucket();
            cur.hourMicros = h;
            s.hours.add(cur);
        }
        cur.requests += r.requestCount;
        cur.cost += cost.of(r);
        if (attacker) cur.attackerRequests += r.requestCount;
    }

    /** Emits the hours that end at or before {@code upToMicros}. */
    public void flushHours(long upToMicros, Baseline b, InvestigationState s, InvestigationSink out) {
        Iterator<HourBucket> it = s.hours.iterator();
        while (it.hasNext()) {
            HourBucket x = it.next();
            if (x.hourMicros + MICROS_PER_HOUR <= upToMicros) {
                HourlyUsage u = new HourlyUsage();
                u.apiKeyId = b.apiKeyId;
                u.hourMicros = x.hourMicros;
                u.requests = x.requests;
                u.costUsd = x.cost;
                u.attackerRequests = x.attackerRequests;
                u.profile = profile;
                out.hourly(u);
                it.remove();
            }
        }
    }

    /**
     * A record from a known or declared IP is the key's own. Without an IP, the seed counts every record as the
     * attacker's; the default profile counts only those that deviate from the baseline (a model or an endpoint the
     * key never used), so bucketed usage does not hand the owner's traffic to the attacker.
     */
    private boolean isLegitimate(UsageRecord r, Baseline b) {
        if (r.sourceIp == null || r.sourceIp.isEmpty()) {
            if (seedRules) return false;
            boolean knownModel = r.model == null || r.model.isEmpty() || b.knownModelSet().contains(r.model);
            return knownModel && b.knownEndpoints.contains(r.endpoint);
        }
        if (b.knownIpSet().contains(r.sourceIp)) return true;
        return org.forKey(b.apiKeyId, b.apiKeyFingerprint).legitimateIps.contains(r.sourceIp);
    }

    private void emitIncident(Baseline b, InvestigationState s, InvestigationSink out) {
        ScopeAssessment scope = scope(b, s);
        Incident i = new Incident();
        i.incidentId = s.incidentId;
        i.revision = ++s.incidentRevision;
        i.apiKeyId = b.apiKeyId;
        i.apiKeyFingerprint = b.apiKeyFingerprint;
        i.provider = b.provider == null ? "unknown" : b.provider;
        i.severity = Severity.values()[Math.max(0, s.severity)].label();
        i.compromiseStartMicros = s.startMicros;
        i.compromiseStartSource = s.startSource;
        i.exposureAtMicros = s.exposureAtMicros;
        i.detectedAtMicros = s.detectedAtMicros;
        long from = s.exposureAtMicros != Incident.NONE ? s.exposureAtMicros : s.startMicros;
        i.dwellTimeSeconds = s.detectedAtMicros == Incident.NONE || from == Incident.NONE
                ? Incident.NONE : Math.floorDiv(s.detectedAtMicros - from, 1_000_000L);
        i.containedAtMicros = s.containedAtMicros;
        i.lastActivityMicros = s.lastActivityMicros;
        i.alertTypes = new ArrayList<>(s.alertTypes);
        i.attackerIps = new ArrayList<>(s.attackerIps);
        i.attackerUserAgents = new ArrayList<>(s.attackerUserAgents);
        i.attackerRequests = s.attackerRequests;
        i.attackerTokens = s.attackerTokens;
        i.attackerCostUsd = s.attackerCost;
        i.dataExposureRisk = scope.dataExposureRisk;
        i.financialExposure = scope.financialExposure;
        i.profile = profile;
        s.dirty = false;
        out.incident(i);
    }

    private ScopeAssessment scope(Baseline b, InvestigationState s) {
        Set<String> endpoints = new TreeSet<>(b.knownEndpoints);
        endpoints.addAll(s.endpoints);
        Set<String> models = new TreeSet<>(b.knownModels);
        models.addAll(s.models);
        ScopeAssessment a = scopes.assess(b.apiKeyId, b.provider, endpoints, models, org.forKey(b.apiKeyId, b.apiKeyFingerprint));
        a.incidentId = s.incidentId;
        a.profile = profile;
        return a;
    }

    private void emitScope(Baseline b, InvestigationState s, InvestigationSink out) {
        ScopeAssessment a = scope(b, s);
        String sig = a.permissions + "|" + a.connectedServices + "|" + a.dataExposureRisk + "|" + a.financialExposure + "|" + a.findings;
        if (sig.equals(s.scopeSignature)) return;
        s.scopeSignature = sig;
        a.revision = ++s.scopeRevision;
        out.scope(a);
    }

    private static boolean addCapped(List<String> list, String v, int cap) {
        if (v == null || list.size() >= cap || list.contains(v)) return false;
        list.add(v);
        return true;
    }
}
