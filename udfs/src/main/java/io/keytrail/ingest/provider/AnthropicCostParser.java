package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Anthropic cost report ({@code /v1/organizations/cost_report}, 1-day buckets, grouped by
 * workspace_id and description): one daily cost row per result. {@code amount} is a decimal string
 * in cents. The report has no api_key_id: the row's key is the workspace ({@code default-workspace}
 * when workspace_id is null, as the report gives the default workspace).
 */
public final class AnthropicCostParser extends ProviderParser {
    private static final long serialVersionUID = 1L;
    static final String DEFAULT_WORKSPACE = "default-workspace";

    public AnthropicCostParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "anthropic-cost";
    }

    @Override
    public boolean costs() {
        return true;
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(new String[] {"api_key_id", "costs are per workspace: the workspace id stands for the key"},
                Lacks.SOURCE_IP, Lacks.USER_AGENT, Lacks.STATUS, Lacks.TOKENS,
                new String[] {"request_count", "a daily cost row counts as 1 request"});
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        JsonNode data = doc.get("data");
        if (data != null && data.isArray()) {
            for (int i = 0; i < data.size(); i++) bucket(data.get(i), child(path, "data", i), e);
        } else if (doc.has("results")) {
            bucket(doc, path, e);
        } else {
            e.reject(path, "not a cost report page or bucket (no data[] or results[])", doc);
        }
    }

    private void bucket(JsonNode b, String path, Emitter e) {
        String start = text(b, "starting_at");
        JsonNode results = b.get("results");
        if (start == null) {
            e.reject(path, "bucket starting_at is missing", b);
            return;
        }
        if (results == null || !results.isArray()) {
            e.reject(path, "bucket has no results[]", b);
            return;
        }
        String end = text(b, "ending_at");
        Long width = end == null ? null : secondsBetween(start, end);
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String where = child(path, "results", i);
            String currency = text(r, "currency");
            if (currency != null && !currency.toUpperCase(Locale.ROOT).equals("USD")) {
                e.reject(where, "currency '" + currency + "' is not USD", r);
                continue;
            }
            String amount = text(r, "amount");
            BigDecimal cents;
            try {
                cents = new BigDecimal(amount);
            } catch (RuntimeException ex) {
                e.reject(where, "amount '" + amount + "' is not a decimal number of cents", r);
                continue;
            }
            String workspace = text(r, "workspace_id");
            String model = text(r, "model");
            RawFields f = new RawFields();
            f.timestamp = start;
            f.bucketSeconds = width;
            f.apiKeyId = workspace == null ? DEFAULT_WORKSPACE : workspace;
            f.model = model == null ? "" : model;
            f.inputTokens = 0L;
            f.outputTokens = 0L;
            f.costUsd = cents.movePointLeft(2).doubleValue();
            f.endpoint = text(r, "cost_type");
            f.provider = "anthropic";
            e.record(where, f, r);
        }
    }
}
