package io.keytrail.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.model.Alert;
import io.keytrail.model.AlertType;
import io.keytrail.model.Baseline;
import io.keytrail.model.Severity;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.util.PyFormat;

import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The seed's five checks, run incrementally over one key's records in event-time order.
 *
 * <p>A check whose verdict cannot go back (a count or cost past its threshold, an unknown model or IP)
 * fires on the record that makes it true; the off-hours ratio needs the whole day and fires when the
 * day closes. A severity that rises later is emitted again as the next revision. Plain Java, so the
 * same object serves the Flink functions of both modes and the unit tests.
 */
public final class KeyDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DetectionProfile profile;
    private final DayClock clock;
    private final CostModel cost;
    private final ActorScorer scorer;

    public KeyDetector(DetectionProfile profile, PricingTable pricing) {
        this.profile = profile;
        this.clock = new DayClock(profile);
        this.cost = new CostModel(profile, pricing);
        this.scorer = new ActorScorer(profile.scoring, clock);
    }

    public CostModel costModel() {
        return cost;
    }

    public DayClock clock() {
        return clock;
    }

    /** Feeds one record. Records must come in (timestamp, input position) order. */
    public void onRecord(UsageRecord r, Baseline b, KeyDetectorState st, Consumer<Alert> out) {
        long epochDay = clock.epochDay(r.tsMicros, r.offsetSeconds);
        DayState d = st.find(epochDay);
        if (d == null) {
            d = new DayState();
            d.epochDay = epochDay;
            d.firstTsMicros = r.tsMicros;
            d.firstOffsetSeconds = r.offsetSeconds;
            d.closeAfterMicros = clock.closeAfterMicros(epochDay);
            st.openDays.add(d);
        }
        d.rows++;
        d.requests += r.requestCount;
        d.cost += cost.of(r);
        long weight = profile.countsRows() ? 1 : r.requestCount;
        if (!b.activeHours.isEmpty() && !containsHour(b.activeHours, clock.hour(r.tsMicros, r.offsetSeconds))) {
            d.offHours += weight;
        }
        String day = DayClock.dayString(epochDay);
        if (profile.volume.enabled) checkVolume(r, b, d, day, out);
        if (profile.cost.enabled) checkCost(r, b, d, day, out);
        if (profile.unknownModel.enabled) checkModel(r, b, d, day, out);
        if (profile.unknownIp.enabled) checkIp(r, b, d, day, out);
        if (scorer.enabled()) {
            ActorState a = scorer.onRecord(r, b, st);
            if (a != null) out.accept(scoreAlert(b, a, r));
        }
        if (profile.spendTiers.enabled) checkSpendTiers(r, b, st, d, day, out);
    }

    private void checkSpendTiers(UsageRecord r, Baseline b, KeyDetectorState st, DayState d, String day, Consumer<Alert> out) {
        DetectionProfile.SpendTierSettings t = profile.spendTiers;
        int tier = d.spendTier;
        for (int i = t.multipliers.size() - 1; i > d.spendTier; i--) {
            if (d.cost >= t.minUsd && d.cost > t.multipliers.get(i) * b.avgDailyCost) {
                tier = i;
                break;
            }
        }
        if (tier <= d.spendTier) return;
        d.spendTier = tier;
        d.spendRevision++;
        double mult = t.multipliers.get(tier);
        ObjectNode ev = JSON.createObjectNode();
        ev.put("day", day);
        ev.put("total_cost", d.cost);
        ev.put("baseline_avg_cost", b.avgDailyCost);
        ev.put("tier", mult);
        String desc = "Key " + b.apiKeyId + ": $" + PyFormat.fixed(d.cost, 2) + " on " + day + " is past " + mult
                + "x the typical daily spend ($" + PyFormat.fixed(b.avgDailyCost, 2) + ")";
        out.accept(alert(b, day, AlertType.SPEND_TIER, "", t.severities.get(tier), d.spendRevision, d.firstTsMicros,
                d.firstOffsetSeconds, r.tsMicros, desc, ev));
        if (tier >= t.scoreFromTier && scorer.enabled()) {
            ActorState a = scorer.onKeySignal(r, b, st, ActorSignal.SPEND);
            if (a != null) out.accept(scoreAlert(b, a, r));
        }
    }

    /** The actor's combined score as one alert per actor; {@code timestamp} is the actor's first record. */
    private Alert scoreAlert(Baseline b, ActorState a, UsageRecord r) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("actor", a.ip.isEmpty() ? "no-ip" : a.ip);
        ev.put("score", a.score);
        ArrayNode sig = ev.putArray("signals");
        ActorSignal.names(a.signals).forEach(sig::add);
        ev.put("requests", a.requests);
        String subject = a.ip.isEmpty() ? "no-ip" : a.ip;
        String desc = "Key " + b.apiKeyId + ": " + (a.ip.isEmpty() ? "requests without an IP" : "requests from " + a.ip)
                + " score " + a.score + " (" + String.join(", ", ActorSignal.names(a.signals)) + ")";
        return alert(b, a.alertDay, AlertType.COMPROMISE_SCORE, subject, Severity.values()[a.alertSeverity].label(),
                a.alertRevision, a.firstTsMicros, a.firstOffsetSeconds, r.tsMicros, desc, ev);
    }

    /**
     * Closes, oldest first, every open day whose close time is at or before {@code upToMicros}
     * (Long.MAX_VALUE closes all), telling {@code closed} each day's close time after its checks ran.
     */
    public void closeDays(long upToMicros, Baseline b, KeyDetectorState st, Consumer<Alert> out,
                          java.util.function.LongConsumer closed) {
        while (true) {
            DayState next = null;
            for (DayState d : st.openDays) {
                if (d.closeAfterMicros <= upToMicros && (next == null || d.closeAfterMicros < next.closeAfterMicros)) next = d;
            }
            if (next == null) return;
            if (profile.offHours.enabled && b != null) checkOffHours(b, next, out);
            st.openDays.remove(next);
            scorer.forget(next.closeAfterMicros, st);
            closed.accept(next.closeAfterMicros);
        }
    }

    public void closeDays(long upToMicros, Baseline b, KeyDetectorState st, Consumer<Alert> out) {
        closeDays(upToMicros, b, st, out, t -> { });
    }

    private long count(DayState d) {
        return profile.countsRows() ? d.rows : d.requests;
    }

    private void checkVolume(UsageRecord r, Baseline b, DayState d, String day, Consumer<Alert> out) {
        DetectionProfile.VolumeSettings v = profile.volume;
        double avg = b.avgDailyRequests, std = Math.max(b.stdDailyRequests, v.stdFloorShare * avg);
        long count = count(d);
        if (count < v.minRequests) return;
        if (!(std > v.minStd && count > avg + v.sigma * std)) return;
        String sev = count > avg * v.criticalMultiplier ? v.criticalSeverity : v.severity;
        int ord = Severity.ord(sev);
        if (ord <= d.volumeSeverity) return;
        d.volumeSeverity = ord;
        d.volumeRevision++;
        ObjectNode ev = JSON.createObjectNode();
        ev.put("day", day);
        ev.put("request_count", count);
        ev.put("baseline_avg", avg);
        ev.put("baseline_std", std);
        ev.put("multiplier", PyFormat.round(count / Math.max(avg, 1), 1));
        String desc = "Key " + b.apiKeyId + ": " + count + " requests on " + day + ", baseline avg="
                + PyFormat.fixed(avg, 0) + ", std=" + PyFormat.fixed(std, 0);
        out.accept(alert(b, day, AlertType.VOLUME_SPIKE, "", sev, d.volumeRevision, d.firstTsMicros,
                d.firstOffsetSeconds, r.tsMicros, desc, ev));
    }

    private void checkCost(UsageRecord r, Baseline b, DayState d, String day, Consumer<Alert> out) {
        if (d.costAlerted) return;
        double avgCost = b.avgDailyCost;
        if (!(d.cost > Math.max(avgCost * profile.cost.multiplier, profile.cost.floorUsd))) return;
        d.costAlerted = true;
        ObjectNode ev = JSON.createObjectNode();
        ev.put("day", day);
        ev.put("total_cost", d.cost);
        ev.put("baseline_avg_cost", avgCost);
        String desc = "Key " + b.apiKeyId + ": $" + PyFormat.fixed(d.cost, 2) + " on " + day + ", baseline avg=$"
                + PyFormat.fixed(avgCost, 2);
        out.accept(alert(b, day, AlertType.COST_SPIKE, "", profile.cost.severity, 0, d.firstTsMicros,
                d.firstOffsetSeconds, r.tsMicros, desc, ev));
    }

    private void checkModel(UsageRecord r, Baseline b, DayState d, String day, Consumer<Alert> out) {
        if (b.knownModelSet().contains(r.model)) return;
        if (profile.unknownModel.perModel ? d.alertedModels.contains(r.model) : !d.alertedModels.isEmpty()) return;
        d.alertedModels.add(r.model);
        ObjectNode ev = JSON.createObjectNode();
        ev.put("model", r.model);
        ArrayNode known = ev.putArray("known_models");
        b.knownModels.forEach(known::add);
        String desc = "Key " + b.apiKeyId + ": model " + PyFormat.strRepr(r.model) + " not in baseline. Known models: "
                + PyFormat.setRepr(new TreeSet<>(b.knownModels));
        out.accept(alert(b, day, AlertType.UNKNOWN_MODEL, r.model, profile.unknownModel.severity, 0, r.tsMicros,
                r.offsetSeconds, r.tsMicros, desc, ev));
    }

    private void checkIp(UsageRecord r, Baseline b, DayState d, String day, Consumer<Alert> out) {
        if (b.knownIps.isEmpty() || r.sourceIp == null || r.sourceIp.isEmpty()) return;
        if (b.knownIpSet().contains(r.sourceIp) || d.unknownIps.contains(r.sourceIp)) return;
        d.unknownIps.add(r.sourceIp);
        if (d.ipAlerted) return;
        d.ipAlerted = true;
        out.accept(ipAlert(b, d, day, r.tsMicros));
    }

    private Alert ipAlert(Baseline b, DayState d, String day, long detectedAt) {
        ObjectNode ev = JSON.createObjectNode();
        ArrayNode unknown = ev.putArray("unknown_ips");
        d.unknownIps.forEach(unknown::add);
        ArrayNode known = ev.putArray("known_ips");
        b.knownIps.stream().limit(10).forEach(known::add);
        String desc = "Key " + b.apiKeyId + ": requests from " + d.unknownIps.size() + " unknown IP(s): "
                + PyFormat.listRepr(d.unknownIps.subList(0, Math.min(5, d.unknownIps.size())));
        return alert(b, day, AlertType.UNKNOWN_SOURCE_IP, "", profile.unknownIp.severity, 0, d.firstTsMicros,
                d.firstOffsetSeconds, detectedAt, desc, ev);
    }

    private void checkOffHours(Baseline b, DayState d, Consumer<Alert> out) {
        if (b.activeHours.isEmpty()) return;
        long total = count(d);
        if (!(d.offHours > total * profile.offHours.ratio)) return;
        String day = DayClock.dayString(d.epochDay);
        ObjectNode ev = JSON.createObjectNode();
        ev.put("off_hours_count", d.offHours);
        ev.put("total_records", total);
        ArrayNode hours = ev.putArray("active_hours");
        b.activeHours.forEach(hours::add);
        String desc = "Key " + b.apiKeyId + ": " + d.offHours + "/" + total + " requests outside normal hours";
        out.accept(alert(b, day, AlertType.OFF_HOURS_USAGE, "", profile.offHours.severity, 0, d.firstTsMicros,
                d.firstOffsetSeconds, clock.dayEndMicros(d.epochDay, d.firstOffsetSeconds), desc, ev));
    }

    private static boolean containsHour(List<Integer> hours, int h) {
        for (int i = 0, n = hours.size(); i < n; i++) {
            if (hours.get(i) == h) return true;
        }
        return false;
    }

    private Alert alert(Baseline b, String day, String type, String subject, String severity, int revision,
                        long tsMicros, int tsOffset, long detectedAt, String desc, ObjectNode evidence) {
        Alert a = new Alert();
        a.apiKeyId = b.apiKeyId;
        a.apiKeyFingerprint = b.apiKeyFingerprint;
        a.provider = b.provider;
        a.alertType = type;
        a.subject = subject == null ? "" : subject;
        a.severity = severity;
        a.day = day;
        a.revision = revision;
        a.alertId = AlertIds.of(profile.name, b.apiKeyId, day, type, a.subject);
        a.tsMicros = tsMicros;
        a.tsOffsetSeconds = tsOffset;
        a.detectedAtMicros = detectedAt;
        a.description = desc;
        a.evidence = evidence.toString();
        a.profile = profile.name;
        a.baselineVersion = b.baselineVersion;
        return a;
    }
}
