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

    public static class BaselineSettings implements Serializable {
        public String doc;
        /** Only the most recent N days of history count; 0 = all history given (the seed). */
        public int windowDays = 0;
        /** An hour is active when it holds more than this share of the key's records (the seed: 0.01). */
        public double activeHourShare = 0.01;
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
        return p;
    }
}
