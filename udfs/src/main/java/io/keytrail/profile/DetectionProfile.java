package io.keytrail.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Thresholds and semantics of detection, read from conf/profiles/*.json. Nothing about detection is
 * hard-coded outside a profile: {@code reference} reproduces the seed, {@code default} improves on it.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class DetectionProfile implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Free text for people reading the file. */
    public String doc;
    public String name;
    /** "as_written" (the seed: day and hour as the timestamp writes them) or a zone id such as "UTC". */
    public String dayZone = "UTC";
    /** "rows" (the seed) or "request_count" (sum of request_count). */
    public String countRequests = "request_count";
    /** "zero" (the seed never prices) or "price" (from the pricing table). */
    public String missingCost = "price";
    public BaselineSettings baseline = new BaselineSettings();
    public VolumeSettings volume = new VolumeSettings();
    public CostSettings cost = new CostSettings();
    public UnknownModelSettings unknownModel = new UnknownModelSettings();
    public UnknownIpSettings unknownIp = new UnknownIpSettings();
    public OffHoursSettings offHours = new OffHoursSettings();
    public InvestigationSettings investigation = new InvestigationSettings();
    public SpendTierSettings spendTiers = new SpendTierSettings();
    public ScoringSettings scoring = new ScoringSettings();

    public static class BaselineSettings implements Serializable {
        public String doc;
        /** Only the most recent N days of history count; 0 = all history given (the seed). */
        public int windowDays = 0;
        /** An hour is active when it holds more than this share of the key's records (the seed: 0.01). */
        public double activeHourShare = 0.01;
        /** Count the days without records between the key's first and last history day as zero (the seed: false). */
        public boolean countZeroDays = false;
    }

    public static class VolumeSettings implements Serializable {
        public String doc;
        public boolean enabled = true;
        /** Alert when the day's count exceeds avg + sigma * std. */
        public double sigma = 3.0;
        /** Critical when the day's count exceeds avg * this. */
        public double criticalMultiplier = 10.0;
        /** The check runs only when std is above this (the seed: std > 0). */
        public double minStd = 0.0;
        /** The standard deviation used is at least this share of the average (the seed: 0). */
        public double stdFloorShare = 0.0;
        /** No volume alert while the day's count is below this (the seed: 0). */
        public long minRequests = 0;
        public String severity = "high";
        public String criticalSeverity = "critical";
    }

    public static class CostSettings implements Serializable {
        public String doc;
        public boolean enabled = true;
        public double multiplier = 5.0;
        public double floorUsd = 10.0;
        public String severity = "critical";
    }

    public static class UnknownModelSettings implements Serializable {
        public String doc;
        public boolean enabled = true;
        /** false: one alert per key and day (the seed breaks after the first); true: one per new model. */
        public boolean perModel = false;
        public String severity = "high";
    }

    public static class UnknownIpSettings implements Serializable {
        public String doc;
        public boolean enabled = true;
        public String severity = "high";
    }

    public static class OffHoursSettings implements Serializable {
        public String doc;
        public boolean enabled = true;
        /** Alert when more than this share of the day's records fall outside active hours. */
        public double ratio = 0.3;
        public String severity = "medium";
    }

    public static class InvestigationSettings implements Serializable {
        public String doc;
        /** true: the seed's timeline phases, action texts and scope rules exactly; false: the default's. */
        public boolean seedRules = false;
        /** Confidence given to each timeline entry (the seed: 0.7). */
        public double confidence = 0.7;
        /** Records not from a legitimate IP stay claimable this many hours after their day closed (the seed: 0). */
        public double candidateHours = 0;
    }

    /** The seed's billing-alert tiers as live alerts: the day's spend past each multiple of the typical daily spend. */
    public static class SpendTierSettings implements Serializable {
        public String doc;
        public boolean enabled = false;
        public java.util.List<Double> multipliers = java.util.List.of(1.5, 3.0, 10.0);
        public java.util.List<String> severities = java.util.List.of("low", "medium", "high");
        /** No tier below this day's spend, USD: tiny keys do not alert on cents. */
        public double minUsd = 5.0;
        /** From this tier (0-based) on, the tripping record's actor gets the spend signal. */
        public int scoreFromTier = 1;
    }

    /**
     * Per-key scoring of actors (an unknown source IP, or all records without an IP): weak signals add up to one
     * compromise_score alert, high from {@code high} points, critical from {@code critical}.
     */
    public static class ScoringSettings implements Serializable {
        public String doc;
        public boolean enabled = false;
        public int high = 4;
        public int critical = 7;
        public int unknownIp = 1;
        public int newUserAgent = 3;
        public int newUserAgentVersion = 1;
        public int newModel = 1;
        public int newModelFamily = 2;
        public int sensitiveEndpoint = 3;
        public int probe = 2;
        public int modelSweep = 2;
        public int errorBurst = 2;
        public int largeRequests = 3;
        public int offHours = 1;
        public int spend = 2;
        /** Large: tokens per request above the baseline's p99, at least this many and this share of the actor's requests. */
        public int largeMin = 3;
        public double largeShare = 0.2;
        /** Model sweep: this many distinct models within the window. */
        public int sweepModels = 3;
        public int sweepSeconds = 60;
        /** Error burst: this many 400/401/403/404/429 within the window. */
        public int errorCount = 3;
        public int errorSeconds = 300;
        /** Off-hours: at least this many requests and more than this share outside the key's active hours. */
        public int offHoursMin = 5;
        public double offHoursShare = 0.5;
        /** Probe: at most this many output tokens and fewer than probe_max_input input tokens (max_tokens of -1 or 1). */
        public int probeMaxOutput = 1;
        public int probeMaxInput = 100;
        /** Endpoint substrings that mark persistence or reconnaissance when the key never used the endpoint. */
        public java.util.List<String> sensitiveEndpoints = java.util.List.of("files", "fine_tun", "fine-tun", "batches",
                "assistants", "vector_stores", "/models", "customization", "logging");
        /** Unknown actors tracked per key at most; later ones are judged as one. */
        public int maxActors = 500;
    }

    public boolean daysAsWritten() {
        return "as_written".equals(dayZone);
    }

    public boolean countsRows() {
        return "rows".equals(countRequests);
    }

    public boolean pricesMissingCost() {
        return "price".equals(missingCost);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Loads "reference", "default" (bundled) or a path to a profile file. */
    public static DetectionProfile load(String nameOrPath) throws IOException {
        if (nameOrPath.endsWith(".json") || nameOrPath.contains("/")) {
            Path p = Path.of(nameOrPath);
            if (!Files.exists(p)) throw new IOException("profile file not found: " + nameOrPath);
            try (InputStream in = Files.newInputStream(p)) {
                return validate(mapper().readValue(in, DetectionProfile.class), nameOrPath);
            }
        }
        Path local = Path.of("conf", "profiles", nameOrPath + ".json");
        if (Files.exists(local)) {
            try (InputStream in = Files.newInputStream(local)) {
                return validate(mapper().readValue(in, DetectionProfile.class), local.toString());
            }
        }
        try (InputStream in = DetectionProfile.class.getResourceAsStream("/keytrail/conf/profiles/" + nameOrPath + ".json")) {
            if (in == null) {
                throw new IOException("unknown profile '" + nameOrPath + "' (use reference, default or a .json file)");
            }
            return validate(mapper().readValue(in, DetectionProfile.class), nameOrPath);
        }
    }

    private static DetectionProfile validate(DetectionProfile p, String origin) throws IOException {
        if (p.name == null || p.name.isBlank()) throw new IOException("profile " + origin + ": missing name");
        if (!p.daysAsWritten()) {
            try {
                java.time.ZoneId.of(p.dayZone);
            } catch (Exception e) {
                throw new IOException("profile " + origin + ": day_zone '" + p.dayZone + "' is neither as_written nor a zone id");
            }
        }
        if (p.baseline.windowDays != 0) {
            throw new IOException("profile " + origin + ": baseline.window_days is applied by the baseline command; keep 0 in a sweep profile");
        }
        if (!p.countsRows() && !"request_count".equals(p.countRequests)) {
            throw new IOException("profile " + origin + ": count_requests must be rows or request_count");
        }
        if (!p.pricesMissingCost() && !"zero".equals(p.missingCost)) {
            throw new IOException("profile " + origin + ": missing_cost must be zero or price");
        }
        for (String s : new String[] {p.volume.severity, p.volume.criticalSeverity, p.cost.severity,
                p.unknownModel.severity, p.unknownIp.severity, p.offHours.severity}) {
            if (io.keytrail.model.Severity.ord(s) < 0) throw new IOException("profile " + origin + ": bad severity '" + s + "'");
        }
        if (p.spendTiers.multipliers.size() != p.spendTiers.severities.size()) {
            throw new IOException("profile " + origin + ": spend_tiers needs one severity per multiplier");
        }
        for (String s : p.spendTiers.severities) {
            if (io.keytrail.model.Severity.ord(s) < 0) throw new IOException("profile " + origin + ": bad severity '" + s + "'");
        }
        return p;
    }
}
