package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Map;

/**
 * Google Cloud Audit Logs data-access entries for {@code aiplatform.googleapis.com} (Vertex AI): one
 * LogEntry per message, or a JSON array of them. Identity is the service-account key id (the end of
 * {@code serviceAccountKeyName}) or else {@code principalEmail}; the model is the end of the resource
 * name; a gRPC status is mapped to the HTTP status Google documents for it and its name kept as error_code.
 */
public final class VertexAuditParser extends ProviderParser {
    private static final long serialVersionUID = 1L;
    static final String SERVICE = "aiplatform.googleapis.com";

    /** gRPC code → (name, HTTP status), per google.rpc.Code. */
    private static final String[] GRPC_NAMES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
            "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
            "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
    private static final int[] GRPC_HTTP = {200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401};

    public VertexAuditParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "vertex-audit";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.TOKENS, Lacks.COST);
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        String where = path;
        JsonNode p = doc.get("protoPayload");
        if (p == null || !p.isObject()) {
            e.reject(where, "no protoPayload: not a Cloud Audit Logs entry", doc);
            return;
        }
        String service = text(p, "serviceName");
        if (!SERVICE.equals(service)) {
            e.reject(where, "serviceName " + (service == null ? "missing" : "'" + service + "'") + " is not " + SERVICE, doc);
            return;
        }
        RawFields f = new RawFields();
        f.timestamp = text(doc, "timestamp");
        String saKey = text(p, "authenticationInfo", "serviceAccountKeyName");
        String principal = text(p, "authenticationInfo", "principalEmail");
        f.apiKeyId = saKey != null && saKey.contains("/keys/") ? saKey.substring(saKey.lastIndexOf("/keys/") + 6)
                : principal != null && !principal.isEmpty() ? principal : null;
        if (f.apiKeyId == null) {
            e.reject(where, "no serviceAccountKeyName or principalEmail: the caller is unknown", doc);
            return;
        }
        String resource = text(p, "resourceName");
        f.model = resource == null ? null
                : resource.contains("/models/") ? resource.substring(resource.lastIndexOf("/models/") + 8)
                : resource.contains("/endpoints/") ? resource.substring(resource.lastIndexOf("/endpoints/") + 1)
                : resource;
        f.inputTokens = 0L;
        f.outputTokens = 0L;
        f.endpoint = text(p, "methodName");
        f.sourceIp = text(p, "requestMetadata", "callerIp");
        f.userAgent = text(p, "requestMetadata", "callerSuppliedUserAgent");
        JsonNode code = at(p, "status", "code");
        int c = code == null || code.isNull() ? 0 : code.asInt(-1);
        if (c < 0 || c >= GRPC_HTTP.length) {
            e.reject(where, "status.code " + code + " is not a gRPC code", doc);
            return;
        }
        f.statusCode = (long) GRPC_HTTP[c];
        if (c != 0) f.errorCode = GRPC_NAMES[c];
        f.provider = "google";
        e.record(where, f, doc);
    }
}
