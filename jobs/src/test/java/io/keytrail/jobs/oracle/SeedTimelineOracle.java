package io.keytrail.jobs.oracle;

import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An independent port of the seed's APIKeyForensicReconstructor.reconstruct_timeline, for tests:
 * filters, sorts by the timestamp string (stable), classifies and describes exactly as the seed.
 */
public final class SeedTimelineOracle {
    public record Action(long epochMicros, String phase, String action) {}

    private SeedTimelineOracle() {}

    public static List<Action> reconstruct(List<SeedRecord> keyRecords, String start, Set<String> knownIps) {
        long startMicros = micros(start);
        List<SeedRecord> suspicious = new ArrayList<>();
        for (SeedRecord r : keyRecords) {
            if (micros(r.timestamp()) < startMicros) continue;
            if (r.sourceIp() != null && !r.sourceIp().isEmpty() && knownIps.contains(r.sourceIp())) continue;
            suspicious.add(r);
        }
        suspicious.sort(Comparator.comparing(SeedRecord::timestamp));
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < suspicious.size(); i++) {
            SeedRecord r = suspicious.get(i);
            String phase;
            String ep = r.endpoint().toLowerCase(Locale.ROOT);
            if (i < 3) phase = "reconnaissance";
            else if (r.inputTokens() < 50 && r.outputTokens() < 50) phase = "capability_testing";
            else if (ep.contains("fine-tun") || ep.contains("files") || ep.contains("batch")) phase = "persistence";
            else if (r.outputTokens() > 4000) phase = "exfiltration";
            else phase = "exploitation";
            double cost = r.costUsd() == null ? 0.0 : r.costUsd();
            String action = switch (phase) {
                case "reconnaissance" -> "Probed " + r.endpoint() + " with model " + r.model();
                case "capability_testing" -> "Tested " + r.model() + " capabilities via " + r.endpoint() + " ("
                        + r.inputTokens() + " in, " + r.outputTokens() + " out)";
                case "persistence" -> "Accessed " + r.endpoint() + ", possible persistence mechanism";
                case "exfiltration" -> "Large output (" + r.outputTokens() + " tokens) from " + r.model() + ", possible data exfiltration";
                default -> "Used " + r.model() + " via " + r.endpoint() + " (" + r.inputTokens() + "+" + r.outputTokens()
                        + " tokens, $" + String.format(Locale.ROOT, "%.4f", new java.math.BigDecimal(cost)
                        .setScale(4, java.math.RoundingMode.HALF_EVEN)) + ")";
            };
            out.add(new Action(micros(r.timestamp()), phase, action));
        }
        return out;
    }

    public static long micros(String iso) {
        java.time.Instant i;
        try {
            i = OffsetDateTime.parse(iso).toInstant();
        } catch (Exception e) {
            i = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
