package io.keytrail.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The IOCs as a STIX 2.1 bundle: an identity for KeyTrail, an incident per incident, an indicator per
 * IOC (STIX pattern, valid_from = first seen) and an "indicates" relationship from each indicator to
 * its incident. Ids are UUIDv5 of stable names, so the same input gives the same bundle.
 */
final class StixBundle {
    private static final UUID NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StixBundle() {}

    static String render(List<IncidentView> incidents, List<Map<String, Object>> iocs, String created) throws Exception {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + uuid5("bundle|" + created + "|" + incidents.size()));
        ArrayNode objects = bundle.putArray("objects");
        String identity = "identity--" + uuid5("keytrail");
        ObjectNode id = base(objects.addObject(), "identity", identity, created);
        id.put("name", "KeyTrail");
        id.put("identity_class", "system");
        Map<String, IncidentView> byId = new java.util.HashMap<>();
        for (IncidentView v : incidents) {
            byId.put(v.id(), v);
            ObjectNode inc = base(objects.addObject(), "incident", "incident--" + uuid5("incident|" + v.id()), created);
            inc.put("created_by_ref", identity);
            inc.put("name", "API key compromise: " + Text.plain(v.key()));
            inc.put("description", "Severity " + v.incident().get("severity") + "; compromise start " + Sections.when(v, "compromise_start")
                    + "; " + v.incident().get("attacker_requests") + " attacker requests; attacker cost " + Text.money(v.attackerCost()));
            inc.putArray("labels").add("keytrail").add(String.valueOf(v.incident().get("severity")));
        }
        for (Map<String, Object> ioc : iocs) {
            IncidentView v = byId.get((String) ioc.get("incident_id"));
            if (v == null) continue;
            String indicatorId = "indicator--" + uuid5("indicator|" + ioc.get("ioc_id"));
            ObjectNode ind = base(objects.addObject(), "indicator", indicatorId, created);
            ind.put("created_by_ref", identity);
            ind.put("name", ioc.get("type") + " seen in the compromise of " + Text.plain(v.key()));
            ind.putArray("indicator_types").add("malicious-activity");
            ind.put("pattern", pattern((String) ioc.get("type"), String.valueOf(ioc.get("value"))));
            ind.put("pattern_type", "stix");
            ind.put("valid_from", stixTime(Text.micros(ioc.get("first_seen"))));
            ObjectNode rel = base(objects.addObject(), "relationship", "relationship--" + uuid5("rel|" + ioc.get("ioc_id")), created);
            rel.put("relationship_type", "indicates");
            rel.put("source_ref", indicatorId);
            rel.put("target_ref", "incident--" + uuid5("incident|" + v.id()));
        }
        return JSON.writeValueAsString(bundle);
    }

    static String pattern(String type, String value) {
        String v = Text.plain(value).replace("\\", "\\\\").replace("'", "\\'");
        switch (type) {
            case "ipv4-addr": return "[ipv4-addr:value = '" + v + "']";
            case "ipv6-addr": return "[ipv6-addr:value = '" + v + "']";
            case "user-agent": return "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = '" + v + "']";
            default: return "[x-keytrail-api-request:model = '" + v + "']";
        }
    }

    private static ObjectNode base(ObjectNode o, String type, String id, String created) {
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", created);
        o.put("modified", created);
        return o;
    }

    static String stixTime(long micros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.MILLIS));
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1). */
    static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
            return new UUID(bb.getLong(), bb.getLong());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
