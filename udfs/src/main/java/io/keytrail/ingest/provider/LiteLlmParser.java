package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Map;

/**
 * LiteLLM gateway spend logs ({@code LiteLLM_SpendLogs} rows), one per message or a JSON array:
 * hashed virtual key, model, prompt/completion tokens, spend, requester IP; {@code call_type} is the
 * endpoint and {@code status} success → 200, anything else → error_code.
 */
public final class LiteLlmParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    public LiteLlmParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "litellm";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.USER_AGENT);
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        RawFields f = new RawFields();
        f.timestamp = text(doc, "startTime");
        f.apiKeyId = text(doc, "api_key");
        f.model = text(doc, "model");
        f.inputTokens = number(doc, "prompt_tokens");
        f.outputTokens = number(doc, "completion_tokens");
        f.costUsd = number(doc, "spend");
        f.endpoint = text(doc, "call_type");
        String ip = text(doc, "requester_ip_address");
        f.sourceIp = ip == null || ip.isEmpty() ? null : ip;
        String status = text(doc, "status");
        if ("success".equalsIgnoreCase(status)) f.statusCode = 200L;
        else if (status != null && !status.isEmpty()) f.errorCode = status;
        f.provider = "litellm";
        e.record(path, f, doc);
    }
}
