package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.model.KeyEvent;

import java.util.Map;

/**
 * OpenAI audit logs ({@code /v1/organization/audit_logs}): a list page {@code {"data":[…]}} or one
 * event per message, written as key events. The key is the {@code id} of the type-specific object
 * ({@code "api_key.created": {"id": …}}); scopes come from {@code data.scopes} (created) or
 * {@code changes_requested.scopes} (updated). A session actor gives the user and IP; an api_key actor its id.
 */
public final class OpenAiAuditParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    public OpenAiAuditParser(UsageNormalizer normalizer) {
        super(normalizer);
    }

    @Override
    public String format() {
        return "openai-audit";
    }

    @Override
    public boolean keyEvents() {
        return true;
    }

    @Override
    public Map<String, String> lacks() {
        return Lacks.of(new String[] {"usage", "audit logs never record model calls: written to key_events, not usage"});
    }

    @Override
    protected void records(JsonNode doc, String path, Emitter e) {
        forEach(doc, "data", path, e, (ev, where) -> event(ev, where, e));
    }

    private void event(JsonNode ev, String where, Emitter e) {
        String id = text(ev, "id");
        String type = text(ev, "type");
        JsonNode at = ev.get("effective_at");
        if (id == null || type == null) {
            e.reject(where, "not an audit log event: id or type is missing", ev);
            return;
        }
        if (at == null || !at.isIntegralNumber()) {
            e.reject(where, "effective_at is missing or not unix seconds", ev);
            return;
        }
        KeyEvent k = new KeyEvent();
        k.eventId = id;
        k.eventType = type;
        k.tsMicros = at.longValue() * 1_000_000L;
        JsonNode payload = ev.get(type);
        if (type.startsWith("api_key.")) k.apiKeyId = text(payload, "id");
        JsonNode scopes = type.equals("api_key.updated") ? at(payload, "changes_requested", "scopes") : at(payload, "data", "scopes");
        if (scopes != null && scopes.isArray()) scopes.forEach(s -> k.scopes.add(s.asText()));
        String actorType = text(ev, "actor", "type");
        if ("session".equals(actorType)) {
            String email = text(ev, "actor", "session", "user", "email");
            k.actor = email != null ? email : text(ev, "actor", "session", "user", "id");
            k.actorIp = text(ev, "actor", "session", "ip_address");
        } else if ("api_key".equals(actorType)) {
            String keyId = text(ev, "actor", "api_key", "id");
            k.actor = keyId == null ? "api_key" : "api_key:" + keyId;
        }
        ObjectNode details = JSON.createObjectNode();
        if (payload != null) details.set(type, payload);
        if (ev.has("project")) details.set("project", ev.get("project"));
        k.details = details.toString();
        k.provider = "openai";
        e.event(k);
    }
}
