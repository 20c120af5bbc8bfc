package io.keytrail.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Model prices per 1K tokens (conf/pricing.json): exact name first, then the longest matching prefix. */
public final class PricingTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, double[]> prices;
    private transient Map<String, double[]> resolved;

    public PricingTable(Map<String, double[]> prices) {
        this.prices = new HashMap<>(prices);
    }

    public static PricingTable load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** conf/pricing.json under the working directory if present, else the copy bundled in the jar. */
    public static PricingTable defaults() {
        try {
            Path local = Path.of("conf", "pricing.json");
            if (Files.exists(local)) return load(local);
            try (InputStream in = PricingTable.class.getResourceAsStream("/keytrail/conf/pricing.json")) {
                if (in == null) throw new IOException("pricing.json not bundled");
                return parse(in, "bundled pricing.json");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot load pricing table: " + e.getMessage(), e);
        }
    }

    private static PricingTable parse(InputStream in, String origin) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        JsonNode models = root.get("models");
        if (models == null || !models.isObject()) throw new IOException(origin + ": missing \"models\" object");
        Map<String, double[]> m = new HashMap<>();
        models.fields().forEachRemaining(e -> m.put(e.getKey(),
                new double[] {e.getValue().path("input").asDouble(), e.getValue().path("output").asDouble()}));
        return new PricingTable(m);
    }

    /** Price per 1K tokens {input, output}, or null when the model is unknown. */
    public double[] priceOf(String model) {
        if (model == null) return null;
        if (resolved == null) resolved = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, double[]> cache = resolved;
        double[] hit = cache.get(model);
        if (hit != null) return hit.length == 0 ? null : hit;
        double[] p = prices.get(model);
        if (p == null) {
            String best = null;
            for (String k : prices.keySet()) {
                if (model.startsWith(k) && (best == null || k.length() > best.length())) best = k;
            }
            p = best == null ? null : prices.get(best);
        }
        cache.put(model, p == null ? new double[0] : p);
        return p;
    }

    /** Cost in USD, or NaN when the model is not in the table. */
    public double cost(String model, long inputTokens, long outputTokens) {
        double[] p = priceOf(model);
        if (p == null) return Double.NaN;
        return inputTokens / 1000.0 * p[0] + outputTokens / 1000.0 * p[1];
    }
}
