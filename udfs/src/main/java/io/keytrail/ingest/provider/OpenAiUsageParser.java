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
public final class OpenAiUsageParser extends BucketParser {
    private static final long serialVersionUID = 1L;

    public OpenAiUsageParser(UsageNormalizer normalizer) {
        super(normalizer, true);
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
    protected void result(JsonNode r, String where, Bucket bucket, Emitter e) {
        RawFields f = groupedByKeyAndModel(r, where, bucket, e);
        if (f == null) return;
        f.inputTokens = number(r, "input_tokens");
        f.outputTokens = number(r, "output_tokens");
        f.requestCount = number(r, "num_model_requests");
        f.provider = "openai";
        e.record(where, f, r);
    }
}
