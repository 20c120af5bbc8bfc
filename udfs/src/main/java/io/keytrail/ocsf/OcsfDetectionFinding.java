package io.keytrail.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.model.Alert;
import io.keytrail.model.Severity;

import java.io.Serializable;

/**
 * An alert revision as an OCSF 1.3 Detection Finding (class 2004), the shape SIEMs ingest. The
 * README's "Alerts on Kafka" table documents every field; the alert's own columns stay in
 * {@code unmapped} so nothing is lost.
 */
public final class OcsfDetectionFinding implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;

    private OcsfDetectionFinding() {}

    /** low → 2 (Low), medium → 3, high → 4, critical → 5; anything else 0 (Unknown). */
    public static int severityId(String severity) {
        int o = Severity.ord(severity);
        return o < 0 ? 0 : o + 2;
    }

    public static ObjectNode toJson(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        int activity = a.revision == 0 ? 1 : 2;
        n.put("activity_id", activity);
        n.put("activity_name", activity == 1 ? "Create" : "Update");
        n.put("category_uid", CATEGORY_UID);
        n.put("category_name", "Findings");
        n.put("class_uid", CLASS_UID);
        n.put("class_name", "Detection Finding");
        n.put("type_uid", CLASS_UID * 100 + activity);
        n.put("severity_id", severityId(a.severity));
        n.put("severity", cap(a.severity));
        n.put("status_id", 1);
        n.put("status", "New");
        n.put("time", Math.floorDiv(a.detectedAtMicros, 1000L));
        n.put("message", a.description);
        ObjectNode meta = n.putObject("metadata");
        meta.put("version", "1.3.0");
        meta.put("uid", a.alertId + ":" + a.revision);
        meta.put("correlation_uid", a.alertId);
        ObjectNode product = meta.putObject("product");
        product.put("name", "KeyTrail");
        product.put("vendor_name", "KeyTrail");
        product.put("version", "0.1.0");
        ObjectNode info = n.putObject("finding_info");
        info.put("uid", a.alertId);
        info.put("title", a.alertType + " on " + a.apiKeyId + (a.subject.isEmpty() ? "" : " (" + a.subject + ")"));
        info.put("desc", a.description);
        info.putArray("types").add(a.alertType);
        info.put("first_seen_time", Math.floorDiv(a.tsMicros, 1000L));
        info.put("created_time", Math.floorDiv(a.detectedAtMicros, 1000L));
        info.putArray("data_sources").add("AI API usage");
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("name", a.alertType);
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        ObjectNode resource = n.putArray("resources").addObject();
        resource.put("type", "API Key");
        resource.put("uid", a.apiKeyId);
        resource.put("name", a.apiKeyId);
        if (a.provider != null) resource.put("cloud_partition", a.provider);
        ObjectNode evidence = n.putArray("evidences").addObject();
        evidence.set("data", parse(a.evidence));
        ObjectNode unmapped = n.putObject("unmapped");
        unmapped.put("alert_id", a.alertId);
        unmapped.put("revision", a.revision);
        unmapped.put("api_key_id", a.apiKeyId);
        if (a.apiKeyFingerprint != null) unmapped.put("api_key_fingerprint", a.apiKeyFingerprint);
        unmapped.put("provider", a.provider);
        unmapped.put("alert_type", a.alertType);
        unmapped.put("subject", a.subject);
        unmapped.put("day", a.day);
        unmapped.put("profile", a.profile);
        unmapped.put("baseline_version", a.baselineVersion);
        return n;
    }

    public static byte[] bytes(Alert a) {
        try {
            return JSON.writeValueAsBytes(toJson(a));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise alert " + a.alertId, e);
        }
    }

    private static JsonNode parse(String evidence) {
        try {
            return evidence == null ? JSON.nullNode() : JSON.readTree(evidence);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(evidence);
        }
    }

    private static String cap(String s) {
        return s == null || s.isEmpty() ? "Unknown" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
