package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Locale;
import java.util.Map;

/**
 * OpenAI Costs API pages ({@code /v1/organization/costs}, 1-day buckets, grouped by api_key_id or
 * project_id and line_item): one daily cost row per result. The key is {@code api_key_id}, else
 * {@code project_id}; the model is the line item up to its first comma ("gpt-4o-2024-08-06, input").
 * Given with {@code --costs} next to openai-usage, these costs fill the matching usage rows instead.
 */
public final class OpenAiCostsParser extends BucketParser {
    private static final long serialVersionUID = 1L;

    public OpenAiCostsParser(UsageNormalizer normalizer) {
        super(normalizer, true);
    }

    @Override
    public String format() {
        return "openai-costs";
    }

    @Override
    public boolean costs() {
        return true;
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.SOURCE_IP, Lacks.USER_AGENT, Lacks.STATUS, Lacks.TOKENS, Lacks.ENDPOINT,
                new String[] {"request_count", "a daily cost row counts as 1 request"});
    }

    @Override
    protected void result(JsonNode r, String where, Bucket bucket, Emitter e) {
        String currency = text(r, "amount", "currency");
        if (currency != null && !currency.toLowerCase(Locale.ROOT).equals("usd")) {
            e.reject(where, "amount.currency '" + currency + "' is not usd", r);
            return;
        }
        String key = text(r, "api_key_id");
        if (key == null) key = text(r, "project_id");
        if (key == null) {
            e.reject(where, "api_key_id and project_id are null: group the costs query by api_key_id or project_id", r);
            return;
        }
        String item = text(r, "line_item");
        RawFields f = new RawFields();
        f.timestamp = bucket.start();
        f.bucketSeconds = bucket.seconds();
        f.apiKeyId = key;
        f.model = item == null ? "" : item.contains(",") ? item.substring(0, item.indexOf(',')).trim() : item;
        f.inputTokens = 0L;
        f.outputTokens = 0L;
        f.costUsd = number(r, "amount", "value");
        if (f.costUsd == null) {
            e.reject(where, "amount.value is missing", r);
            return;
        }
        f.provider = "openai";
        e.record(where, f, r);
    }
}
