package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Map;

/**
 * OpenAI Usage API completions pages ({@code /v1/organization/usage/completions}, grouped by
 * {@code api_key_id} and {@code model}): a page {@code {"data":[bucket…]}} or one bucket per message.
 * Bucket {@code start_time} is the timestamp, {@code num_model_requests} the request count,
 * {@code end_time - start_time} the bucket width; {@code input_tokens} already includes cached tokens.
 */
public final class OpenAiUsageParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    public OpenAiUsageParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "openai-usage";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.SOURCE_IP, Lacks.USER_AGENT, Lacks.STATUS, Lacks.COST_OPENAI, Lacks.ENDPOINT);
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        JsonNode data = doc.get("data");
        if (data != null && data.isArray()) {
            for (int i = 0; i < data.size(); i++) bucket(data.get(i), child(path, "data", i), e);
        } else if (doc.has("results") || doc.has("start_time")) {
            bucket(doc, path, e);
        } else {
            e.reject(path, "not a usage page or bucket (no data[] or results[])", doc);
        }
    }

    private void bucket(JsonNode b, String path, Emitter e) {
        JsonNode results = b.get("results");
        JsonNode start = b.get("start_time");
        if (start == null || !start.canConvertToLong() || !start.isIntegralNumber()) {
            e.reject(path, "bucket start_time is missing or not unix seconds", b);
            return;
        }
        if (results == null || !results.isArray()) {
            e.reject(path, "bucket has no results[]", b);
            return;
        }
        JsonNode end = b.get("end_time");
        Long width = end != null && end.isIntegralNumber() ? end.longValue() - start.longValue() : null;
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String where = child(path, "results", i);
            if (text(r, "api_key_id") == null) {
                e.reject(where, "api_key_id is null: query the usage API with group_by=api_key_id", r);
                continue;
            }
            RawFields f = new RawFields();
            f.timestamp = epochSeconds(start.longValue());
            f.bucketSeconds = width;
            f.apiKeyId = text(r, "api_key_id");
            f.model = text(r, "model");
            if (f.model == null) {
                e.reject(where, "model is null: query the usage API with group_by=model", r);
                continue;
            }
            f.inputTokens = number(r, "input_tokens");
            f.outputTokens = number(r, "output_tokens");
            f.requestCount = number(r, "num_model_requests");
            f.provider = "openai";
            e.record(where, f, r);
        }
    }
}
