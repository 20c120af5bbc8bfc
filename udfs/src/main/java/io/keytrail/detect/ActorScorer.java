package io.keytrail.detect;

import io.keytrail.model.Baseline;
import io.keytrail.model.Severity;
import io.keytrail.model.UsageRecord;
import io.keytrail.profile.DetectionProfile.ScoringSettings;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges each actor of a key (an unknown source IP, or the records without an IP) by how it behaves against
 * the key's baseline: user agent, models and model families, sensitive endpoints, key-checker probes, model
 * sweeps, error bursts, request size, hours. Signals count once per actor and add up to a score; the actor's
 * severity is high from {@code scoring.high} points and critical from {@code scoring.critical}. A new IP that
 * behaves like the key's own servers scores only the unknown-IP point. Plain Java, per record, in event time.
 */
public final class ActorScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long MICROS_PER_DAY = 86_400_000_000L;
    /** An actor not seen for this long is forgotten (both modes forget it at the same day close). */
    static final long FORGET_MICROS = 7 * MICROS_PER_DAY;
    private static final int AGGREGATE = (1 << ActorSignal.LARGE_REQUESTS.ordinal()) | (1 << ActorSignal.OFF_HOURS.ordinal())
            | (1 << ActorSignal.ERROR_BURST.ordinal()) | (1 << ActorSignal.MODEL_SWEEP.ordinal());
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 401, 403, 404, 429);

    private final ScoringSettings s;
    private final DayClock clock;
    /** The last baseline's user agents, their products and its model families (keys come one after another). */
    private transient Baseline cachedFor;
    private transient Set<String> userAgents;
    private transient Set<String> products;
    private transient Set<String> families;

    public ActorScorer(ScoringSettings s, DayClock clock) {
        this.s = s;
        this.clock = clock;
    }

    public boolean enabled() {
        return s.enabled;
    }

    /** Scores the record's actor; returns it when its severity rose (an alert revision is due), else null. */
    public ActorState onRecord(UsageRecord r, Baseline b, KeyDetectorState st) {
        if (!s.enabled) return null;
        boolean hasIp = r.sourceIp != null && !r.sourceIp.isEmpty();
        if (hasIp && b.knownIpSet().contains(r.sourceIp)) return null;
        ActorState a = actor(st, hasIp ? r.sourceIp : "");
        long n = Math.max(1, r.requestCount);
        a.requests += n;
        a.lastTsMicros = r.tsMicros;
        int before = a.signals;
        if (hasIp) {
            if (a.firstTsMicros == ActorState.NONE) first(a, r);
            if (!b.knownIps.isEmpty()) set(a, ActorSignal.UNKNOWN_IP);
        }
        cache(b);
        if (r.userAgent != null && !r.userAgent.isEmpty() && !userAgents.isEmpty() && !userAgents.contains(r.userAgent)) {
            set(a, products.contains(product(r.userAgent)) ? ActorSignal.NEW_USER_AGENT_VERSION : ActorSignal.NEW_USER_AGENT);
        }
        if (r.model != null && !r.model.isEmpty() && !b.knownModelSet().contains(r.model)) {
            set(a, ActorSignal.NEW_MODEL);
            if (!families.contains(ModelFamily.of(r.model))) set(a, ActorSignal.NEW_MODEL_FAMILY);
        }
        if (sensitive(r.endpoint) && !b.knownEndpoints.contains(r.endpoint)) {
            set(a, ActorSignal.SENSITIVE_ENDPOINT);
        }
        if (n == 1 && r.model != null && !r.model.isEmpty() && r.outputTokens <= s.probeMaxOutput && r.inputTokens < s.probeMaxInput) {
            set(a, ActorSignal.PROBE);
        }
        if (r.model != null && !r.model.isEmpty()) {
            a.recentTs.add(r.tsMicros);
            a.recentModels.add(r.model);
            long from = r.tsMicros - s.sweepSeconds * 1_000_000L;
            while (!a.recentTs.isEmpty() && a.recentTs.get(0) < from) {
                a.recentTs.remove(0);
                a.recentModels.remove(0);
            }
            if (new HashSet<>(a.recentModels).size() >= s.sweepModels) set(a, ActorSignal.MODEL_SWEEP);
        }
        if (CLIENT_ERRORS.contains(r.statusCode)) {
            a.errorTs.add(r.tsMicros);
            long from = r.tsMicros - s.errorSeconds * 1_000_000L;
            while (!a.errorTs.isEmpty() && a.errorTs.get(0) < from) a.errorTs.remove(0);
            if (a.errorTs.size() >= s.errorCount) set(a, ActorSignal.ERROR_BURST);
        }
        // Shares of large or off-hours requests describe an actor only when it has an IP: without one, the
        // owner's own rows are in the same actor, and the shares would measure the key, not an intruder.
        if (hasIp && b.p99RequestTokens > 0 && (double) (r.inputTokens + r.outputTokens) / n > b.p99RequestTokens) {
            a.large += n;
            if (a.large >= s.largeMin && a.large >= s.largeShare * a.requests) set(a, ActorSignal.LARGE_REQUESTS);
        }
        if (!b.activeHours.isEmpty() && !b.activeHours.contains(clock.hour(r.tsMicros, r.offsetSeconds))) {
            a.offHours += n;
        }
        if (hasIp && a.requests >= s.offHoursMin && a.offHours > s.offHoursShare * a.requests) set(a, ActorSignal.OFF_HOURS);
        // Without an IP, the actor starts at the first record that was itself unusual (not at an aggregate such as
        // the share of large or off-hours requests, which the owner's own buckets can build up).
        if (!hasIp && (a.signals & ~before & ~AGGREGATE) != 0 && a.firstTsMicros == ActorState.NONE) first(a, r);
        return a.signals == before ? null : rescore(a, r);
    }

    /** A key-level signal (a spend tier) tripped by the record: it counts for the record's actor, if unknown. */
    public ActorState onKeySignal(UsageRecord r, Baseline b, KeyDetectorState st, ActorSignal signal) {
        if (!s.enabled) return null;
        boolean hasIp = r.sourceIp != null && !r.sourceIp.isEmpty();
        if (hasIp && b.knownIpSet().contains(r.sourceIp)) return null;
        ActorState a = actor(st, hasIp ? r.sourceIp : "");
        if (a.firstTsMicros == ActorState.NONE) first(a, r);
        int before = a.signals;
        set(a, signal);
        return a.signals == before ? null : rescore(a, r);
    }

    /** Forgets actors quiet for a week before {@code nowMicros}. */
    public void forget(long nowMicros, KeyDetectorState st) {
        st.actors.removeIf(a -> a.lastTsMicros != ActorState.NONE && nowMicros - a.lastTsMicros >= FORGET_MICROS);
    }

    private ActorState rescore(ActorState a, UsageRecord r) {
        a.score = ActorSignal.score(a.signals, s);
        int sev = a.score >= s.critical ? Severity.CRITICAL.ordinal() : a.score >= s.high ? Severity.HIGH.ordinal() : -1;
        if (sev <= a.alertSeverity) return null;
        if (a.firstTsMicros == ActorState.NONE) first(a, r);
        a.alertSeverity = sev;
        a.alertRevision++;
        if (a.alertDay == null) a.alertDay = DayClock.dayString(clock.epochDay(r.tsMicros, r.offsetSeconds));
        return a;
    }

    private static void first(ActorState a, UsageRecord r) {
        a.firstTsMicros = r.tsMicros;
        a.firstOffsetSeconds = r.offsetSeconds;
    }

    private static void set(ActorState a, ActorSignal sig) {
        a.signals |= 1 << sig.ordinal();
    }

    private ActorState actor(KeyDetectorState st, String ip) {
        for (ActorState a : st.actors) if (a.ip.equals(ip)) return a;
        if (st.actors.size() >= s.maxActors) {
            for (ActorState a : st.actors) if (a.ip.equals("*")) return a;
            ip = "*";
        }
        ActorState a = new ActorState();
        a.ip = ip;
        st.actors.add(a);
        return a;
    }

    boolean sensitive(String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) return false;
        String e = endpoint.toLowerCase(Locale.ROOT);
        for (String m : s.sensitiveEndpoints) if (e.contains(m)) return true;
        return false;
    }

    static String product(String userAgent) {
        String u = userAgent.trim().toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        int space = u.indexOf(' ');
        int end = slash < 0 ? (space < 0 ? u.length() : space) : (space < 0 ? slash : Math.min(slash, space));
        return u.substring(0, end);
    }

    private void cache(Baseline b) {
        if (b == cachedFor) return;
        userAgents = new HashSet<>(b.knownUserAgents);
        products = products(b.knownUserAgents);
        families = families(b.knownModels);
        cachedFor = b;
    }

    static Set<String> products(List<String> userAgents) {
        Set<String> p = new HashSet<>();
        for (String u : userAgents) p.add(product(u));
        return p;
    }

    static Set<String> families(List<String> models) {
        Set<String> f = new HashSet<>();
        for (String m : models) f.add(ModelFamily.of(m));
        return f;
    }
}
