package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Map;

/**
 * Amazon Bedrock model invocation logs ({@code schemaType} ModelInvocationLog), one per message:
 * token counts, model and operation; the caller is {@code identity.arn} (no access key id, IP or user agent).
 */
public final class BedrockInvocationParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    public BedrockInvocationParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "bedrock-invocation";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.SOURCE_IP, Lacks.USER_AGENT, Lacks.COST,
                new String[] {"api_key_id", "identity.arn (the IAM user or role), not the access key id"});
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        String where = path;
        String schema = text(doc, "schemaType");
        if (!"ModelInvocationLog".equals(schema)) {
            e.reject(where, "schemaType " + (schema == null ? "missing" : "'" + schema + "'") + " is not ModelInvocationLog", doc);
            return;
        }
        RawFields f = new RawFields();
        f.timestamp = text(doc, "timestamp");
        f.apiKeyId = text(doc, "identity", "arn");
        f.model = text(doc, "modelId");
        f.inputTokens = number(doc, "input", "inputTokenCount");
        f.outputTokens = number(doc, "output", "outputTokenCount");
        f.endpoint = text(doc, "operation");
        String error = text(doc, "errorCode");
        f.errorCode = error;
        Integer status = BedrockCloudTrailParser.status(error);
        if (status != null) f.statusCode = (long) status;
        if (error != null && f.outputTokens == null) f.outputTokens = 0L;
        f.requestId = text(doc, "requestId");
        f.provider = "aws";
        e.record(where, f, doc);
    }
}
