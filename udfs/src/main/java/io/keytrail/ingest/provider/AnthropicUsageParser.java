package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Iterator;
import java.util.Map;

/**
 * Anthropic usage report ({@code /v1/organizations/usage_report/messages}, grouped by api_key_id and
 * model): {@code {"data":[{starting_at, ending_at, results[]}]}} or one bucket per message. Input
 * tokens = uncached + cache read + every cache creation kind; {@code requests} (analytics API) is the
 * request count when present.
 */
public final class AnthropicUsageParser extends BucketParser {
    private static final long serialVersionUID = 1L;

    public AnthropicUsageParser(UsageNormalizer normalizer) {
        super(normalizer, false);
    }

    @Override
    public String format() {
        return "anthropic-usage";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.SOURCE_IP, Lacks.USER_AGENT, Lacks.STATUS, Lacks.COST, Lacks.REQUESTS);
    }

    @Override
    protected void result(JsonNode r, String where, Bucket bucket, Emitter e) {
        RawFields f = groupedByKeyAndModel(r, where, bucket, e);
        if (f == null) return;
        Object creation = 0L;
        JsonNode cc = r.get("cache_creation");
        if (cc != null && cc.isObject()) {
            for (Iterator<String> it = cc.fieldNames(); it.hasNext(); ) creation = sum(creation, number(cc, it.next()));
        }
        f.inputTokens = r.get("uncached_input_tokens") == null ? null
                : sum(number(r, "uncached_input_tokens"), number(r, "cache_read_input_tokens"), creation);
        f.outputTokens = number(r, "output_tokens");
        f.requestCount = number(r, "requests");
        f.endpoint = "/v1/messages";
        f.provider = "anthropic";
        e.record(where, f, r);
    }
}
