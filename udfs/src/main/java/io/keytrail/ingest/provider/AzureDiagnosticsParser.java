package io.keytrail.ingest.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageNormalizer;

import java.util.Map;

/**
 * Azure OpenAI diagnostic logs, category {@code RequestResponse} (one record per message, or the
 * storage/Event Hubs envelope {@code {"records":[…]}}). {@code properties} may be an object or a JSON
 * string. Azure records no key id: the resourceId (the Azure OpenAI account) stands for the key.
 * {@code callerIpAddress} is kept as given (Azure masks its last octet); {@code resultSignature} is the status.
 */
public final class AzureDiagnosticsParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    public AzureDiagnosticsParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "azure-diagnostics";
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(Lacks.KEY, Lacks.TOKENS, Lacks.MASKED_IP, Lacks.USER_AGENT, Lacks.COST);
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        forEach(doc, "records", path, e, (r, where) -> record(r, where, e));
    }

    private void record(JsonNode r, String where, Emitter e) {
        String category = text(r, "category");
        if (!"RequestResponse".equals(category)) {
            e.reject(where, "category " + (category == null ? "missing" : "'" + category + "'") + " is not RequestResponse; not usage", r);
            return;
        }
        JsonNode props = r.get("properties");
        if (props != null && props.isTextual()) {
            try {
                props = JSON.readTree(props.asText());
            } catch (JacksonException ex) {
                e.reject(where, "properties is a string but not JSON: " + ex.getOriginalMessage(), r);
                return;
            }
        }
        RawFields f = new RawFields();
        f.timestamp = text(r, "time");
        f.apiKeyId = text(r, "resourceId");
        String model = text(props, "modelName");
        if (model == null || model.isEmpty()) model = text(props, "modelDeploymentName");
        f.model = model;
        f.inputTokens = 0L;
        f.outputTokens = 0L;
        f.endpoint = text(r, "operationName");
        f.sourceIp = text(r, "callerIpAddress");
        String sig = text(r, "resultSignature");
        if (sig != null && sig.matches("\\d{3}")) {
            f.statusCode = Long.parseLong(sig);
        } else if (sig != null && !sig.isEmpty()) {
            f.errorCode = sig;
        }
        f.provider = "azure";
        e.record(where, f, r);
    }
}
