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
public final class AnthropicCostParser extends BucketParser {
    private static final long serialVersionUID = 1L;
    static final String DEFAULT_WORKSPACE = "default-workspace";

    public AnthropicCostParser(UsageNormalizer normalizer) {
        super(normalizer, false);
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
    protected void result(JsonNode r, String where, Bucket bucket, Emitter e) {
        String currency = text(r, "currency");
        if (currency != null && !currency.toUpperCase(Locale.ROOT).equals("USD")) {
            e.reject(where, "currency '" + currency + "' is not USD", r);
            return;
        }
        String amount = text(r, "amount");
        BigDecimal cents;
        try {
            cents = new BigDecimal(amount);
        } catch (RuntimeException ex) {
            e.reject(where, "amount '" + amount + "' is not a decimal number of cents", r);
            return;
        }
        String workspace = text(r, "workspace_id");
        String model = text(r, "model");
        RawFields f = new RawFields();
        f.timestamp = bucket.start();
        f.bucketSeconds = bucket.seconds();
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
