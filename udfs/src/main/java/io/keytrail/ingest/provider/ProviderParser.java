package io.keytrail.ingest.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.ingest.InvalidRecordException;
import io.keytrail.ingest.ParsedRow;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.RejectText;
import io.keytrail.ingest.TsValue;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one provider JSON document (a line of a JSON Lines file, a whole {@code .json} file, or one
 * Kafka message) into zero or more {@link ParsedRow}s. Plain Java with no Flink dependency, so the
 * file job and a stream job share it. A record that cannot be used becomes a reject with its
 * source, its location (message position plus the record's path inside the document) and the reason.
 */
public abstract class ProviderParser implements Serializable {
    private static final long serialVersionUID = 1L;
    static final ObjectMapper JSON = new ObjectMapper();

    protected final UsageNormalizer normalizer;

    protected ProviderParser(UsageNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    public io.keytrail.secrets.KeyMasker masker() {
        return normalizer.masker();
    }

    /** True when the format yields key events (the key_events table) instead of usage records. */
    public boolean keyEvents() {
        return false;
    }

    /** True for cost exports: alone they give daily cost rows; with --costs they price usage rows. */
    public boolean costs() {
        return false;
    }

    /** The --format name. */
    public abstract String format();

    /** Canonical fields this format never carries, each with what it means for the detectors. */
    public abstract Map<String, String> lacks();

    /** Where rows go, and the sequence number (input order) of the next record. */
    public interface Output {
        void accept(ParsedRow row);

        long nextSeq();
    }

    /** Parses one message's text. */
    public final void parse(String input, String source, String location, String text, Output out) {
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (JacksonException e) {
            out.accept(reject(input, source, location, "invalid JSON: " + e.getOriginalMessage(), text));
            return;
        }
        if (doc == null || doc.isMissingNode()) return;
        parse(input, source, location, doc, out);
    }

    /** Parses one already decoded document. */
    public final void parse(String input, String source, String location, JsonNode doc, Output out) {
        Emitter e = new Emitter(input, source, location, out);
        try {
            if (doc.isArray()) {
                for (int i = 0; i < doc.size(); i++) e.document("[" + i + "]", doc.get(i));
            } else {
                e.document("", doc);
            }
        } catch (RuntimeException ex) {
            out.accept(reject(input, source, location, "cannot parse document: " + ex, doc.toString()));
        }
    }

    /** Reads the records in one document (an object), calling the emitter for each. */
    protected abstract void records(JsonNode doc, String path, Emitter e);

    /** Collects one document's records: normalizes good ones, turns bad ones into rejects. */
    public final class Emitter {
        private final String input;
        private final String source;
        private final String location;
        private final Output out;

        Emitter(String input, String source, String location, Output out) {
            this.input = input;
            this.source = source;
            this.location = location;
            this.out = out;
        }

        void document(String path, JsonNode doc) {
            if (!doc.isObject()) {
                reject(path, "expected a JSON object, found " + doc.getNodeType().name().toLowerCase(java.util.Locale.ROOT), doc);
                return;
            }
            records(doc, path, this);
        }

        /** One record's fields; validated by the shared normalizer. */
        public void record(String path, RawFields f, JsonNode raw) {
            try {
                UsageRecord r = normalizer.normalize(f, out.nextSeq());
                ParsedRow row = ParsedRow.ok(r);
                row.masked = UsageNormalizer.maskedValues(f, r);
                out.accept(row);
            } catch (InvalidRecordException ex) {
                reject(path, ex.getMessage(), raw);
            }
        }

        /** A key event, already built by the format; its texts are masked here. */
        public void event(io.keytrail.model.KeyEvent ev) {
            int masked = 0;
            if (ev.apiKeyId != null) {
                io.keytrail.secrets.MaskedKey mk = normalizer.masker().maskKeyId(ev.apiKeyId);
                if (mk.fingerprint() != null) masked++;
                ev.apiKeyId = mk.display();
            }
            String actor = mask(ev.actor), details = mask(ev.details);
            if (!Objects.equals(actor, ev.actor)) masked++;
            if (!Objects.equals(details, ev.details)) masked++;
            ev.actor = actor;
            ev.details = details;
            // Every other text of a hostile export too.
            ev.eventId = mask(ev.eventId);
            ev.eventType = mask(ev.eventType);
            ev.actorIp = mask(ev.actorIp);
            ev.scopes.replaceAll(this::mask);
            ParsedRow row = ParsedRow.event(ev);
            row.masked = masked;
            out.accept(row);
        }

        private String mask(String s) {
            return s == null ? null : normalizer.masker().maskText(s);
        }

        public void reject(String path, String reason, JsonNode raw) {
            out.accept(ProviderParser.this.reject(input, source, where(path), reason, raw == null ? null : raw.toString()));
        }

        private String where(String path) {
            return path.isEmpty() ? location : location + " " + path;
        }
    }

    ParsedRow reject(String input, String source, String location, String reason, String raw) {
        String masked = raw == null ? null : normalizer.masker().maskText(raw);
        boolean held = masked != null && !masked.equals(raw);
        ParsedRow row = ParsedRow.rejected(Reject.of(input, source, location, normalizer.masker().maskText(reason),
                RejectText.clip(masked)));
        if (held) row.masked = 1;
        return row;
    }

    // ---- helpers shared by the formats ----

    /** Text of a field, or null when absent, null or not a scalar. */
    static String text(JsonNode n, String... path) {
        JsonNode v = at(n, path);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static JsonNode at(JsonNode n, String... path) {
        JsonNode v = n;
        for (String p : path) {
            if (v == null || !v.isObject()) return null;
            v = v.get(p);
        }
        return v;
    }

    /**
     * A JSON number or numeric string as a Long/Double, a missing field as null, anything else as
     * its text so the normalizer rejects it with the field's name.
     */
    static Object number(JsonNode n, String... path) {
        JsonNode v = at(n, path);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.asText();
        if (v.isNumber()) return v.doubleValue();
        return v.isContainerNode() ? v.toString() : v.asText();
    }

    /** Sum of integral fields (missing fields count 0); a non-integer value is returned as is. */
    static Object sum(Object... parts) {
        long total = 0;
        for (Object p : parts) {
            if (p == null) continue;
            if (!(p instanceof Long l)) return p;
            total += l;
        }
        return total;
    }

    static TsValue epochSeconds(long s) {
        return new TsValue(s * 1_000_000L, 0);
    }

    /** Seconds between two ISO-8601 instants, or null when either does not parse. */
    static Long secondsBetween(String start, String end) {
        try {
            return Instant.parse(end).getEpochSecond() - Instant.parse(start).getEpochSecond();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Calls {@code each} on every element of the document's array {@code field} (an envelope such as
     * CloudTrail's Records), or on the document itself when it has no such array.
     */
    static void forEach(JsonNode doc, String field, String path, Emitter e, java.util.function.BiConsumer<JsonNode, String> each) {
        JsonNode items = doc.get(field);
        if (items == null || !items.isArray()) {
            each.accept(doc, path);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isObject()) each.accept(item, child(path, field, i));
            else e.reject(child(path, field, i), "not a JSON object", item);
        }
    }

    static String child(String path, String field, int i) {
        return path + (path.isEmpty() ? "" : ".") + field + "[" + i + "]";
    }
}
