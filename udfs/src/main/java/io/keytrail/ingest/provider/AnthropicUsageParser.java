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
public final class AnthropicUsageParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    public AnthropicUsageParser(UsageNormalizer normalizer) {
        super(normalizer);
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
    protected void records(JsonNode doc, String path, Emitter e) {
        JsonNode data = doc.get("data");
        if (data != null && data.isArray()) {
            for (int i = 0; i < data.size(); i++) bucket(data.get(i), child(path, "data", i), e);
        } else if (doc.has("results") || doc.has("starting_at")) {
            bucket(doc, path, e);
        } else {
            e.reject(path, "not a usage report page or bucket (no data[] or results[])", doc);
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
            if (text(r, "api_key_id") == null) {
                e.reject(where, "api_key_id is null: group the usage report by api_key_id", r);
                continue;
            }
            RawFields f = new RawFields();
            f.timestamp = start;
            f.bucketSeconds = width;
            f.apiKeyId = text(r, "api_key_id");
            f.model = text(r, "model");
            if (f.model == null) {
                e.reject(where, "model is null: group the usage report by model", r);
                continue;
            }
            Object creation = 0L;
            JsonNode cc = r.get("cache_creation");
            if (cc != null && cc.isObject()) {
                for (Iterator<String> it = cc.fieldNames(); it.hasNext(); ) creation = sum(creation, number(cc, it.next()));
            }
            f.inputTokens = sum(number(r, "uncached_input_tokens"), number(r, "cache_read_input_tokens"), creation);
            if (r.get("uncached_input_tokens") == null) f.inputTokens = null;
            f.outputTokens = number(r, "output_tokens");
            f.requestCount = number(r, "requests");
            f.endpoint = "/v1/messages";
            f.provider = "anthropic";
            e.record(where, f, r);
        }
    }
}
