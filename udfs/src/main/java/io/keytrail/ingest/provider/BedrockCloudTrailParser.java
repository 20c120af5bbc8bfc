package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Locale;
import java.util.Map;

/**
 * AWS CloudTrail events from {@code bedrock.amazonaws.com}: a CloudTrail log file
 * {@code {"Records":[…]}} or one event per message. Every Bedrock call is kept: model invocations
 * (InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream) and reconnaissance and
 * entitlement calls (ListFoundationModels, Get/Put/DeleteModelInvocationLoggingConfiguration,
 * PutFoundationModelEntitlement, …), each with its eventName as endpoint. A call without a modelId
 * has model ''. {@code errorCode} is kept and mapped to a status.
 */
public final class BedrockCloudTrailParser extends ProviderParser {
    private static final long serialVersionUID = 1L;
    static final String SOURCE = "bedrock.amazonaws.com";

    public BedrockCloudTrailParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "bedrock-cloudtrail";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.TOKENS, Lacks.COST);
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        forEach(doc, "Records", path, e, (ev, where) -> event(ev, where, e));
    }

    private void event(JsonNode ev, String where, Emitter e) {
        String source = text(ev, "eventSource");
        if (!SOURCE.equals(source)) {
            e.reject(where, "eventSource " + (source == null ? "missing" : "'" + source + "'") + " is not " + SOURCE, ev);
            return;
        }
        RawFields f = new RawFields();
        f.timestamp = text(ev, "eventTime");
        String key = text(ev, "userIdentity", "accessKeyId");
        if (key == null || key.isEmpty()) key = text(ev, "userIdentity", "arn");
        f.apiKeyId = key;
        String model = text(ev, "requestParameters", "modelId");
        f.model = model == null ? "" : model;
        f.inputTokens = 0L;
        f.outputTokens = 0L;
        f.endpoint = text(ev, "eventName");
        f.sourceIp = text(ev, "sourceIPAddress");
        f.userAgent = text(ev, "userAgent");
        String error = text(ev, "errorCode");
        f.errorCode = error;
        Integer status = status(error);
        if (status != null) f.statusCode = (long) status;
        f.requestId = text(ev, "requestID");
        f.provider = "aws";
        e.record(where, f, ev);
    }

    /** HTTP status of an AWS error code (matched loosely: CloudTrail spells some with prefixes); null if unknown. */
    static Integer status(String errorCode) {
        if (errorCode == null || errorCode.isEmpty()) return 200;
        String c = errorCode.toLowerCase(Locale.ROOT);
        if (c.contains("accessdenied") || c.contains("unauthorized") || c.contains("forbidden")) return 403;
        if (c.contains("throttl") || c.contains("quotaexceeded") || c.contains("toomanyrequests")) return 429;
        if (c.contains("notfound")) return 404;
        if (c.contains("validation")) return 400;
        if (c.contains("conflict")) return 409;
        if (c.contains("timeout")) return 408;
        if (c.contains("unavailable") || c.contains("notready")) return 503;
        if (c.contains("internal")) return 500;
        return null;
    }
}
