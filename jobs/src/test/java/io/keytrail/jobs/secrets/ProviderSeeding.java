package io.keytrail.jobs.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Seeds a provider export (one JSON document or JSON Lines) with full keys: every string value that is
 * not a timestamp gets a key-bearing text appended, and values of identity-like fields are replaced by a
 * bare key, so that both the parsers' happy paths and their rejects see keys.
 */
final class ProviderSeeding {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ].*");
    private static final Pattern IDENTITY = Pattern.compile("(?i).*(api_?key|key_?id|accesskey|principal|caller).*");

    private ProviderSeeding() {}

    static String seed(String content, List<String> texts, int salt) throws Exception {
        int[] next = {salt};
        String trimmed = content.strip();
        if (trimmed.startsWith("{") && !trimmed.contains("\n{") || trimmed.startsWith("[")) {
            try {
                return JSON.writeValueAsString(walk(JSON.readTree(trimmed), null, texts, next));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                return content + "\n" + texts.get(next[0] % texts.size()); // broken on purpose: stays broken, with a key
            }
        }
        StringBuilder b = new StringBuilder();
        for (String line : content.split("\n")) {
            if (line.isBlank()) continue;
            try {
                b.append(JSON.writeValueAsString(walk(JSON.readTree(line), null, texts, next))).append('\n');
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                b.append(line).append(' ').append(texts.get(next[0]++ % texts.size())).append('\n'); // a bad line, with a key
            }
        }
        return b.toString();
    }

    private static JsonNode walk(JsonNode n, String field, List<String> texts, int[] next) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(walk(e.getValue(), e.getKey(), texts, next));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) a.set(i, walk(a.get(i), field, texts, next));
            return a;
        }
        if (n.isTextual()) {
            String v = n.asText();
            if (TIMESTAMP.matcher(v).matches()) return n;
            String text = texts.get(next[0]++ % texts.size());
            if (field != null && IDENTITY.matcher(field).matches()) {
                // A bare value is a key only by its prefix: context-bound shapes (32 hex) would just be ids.
                while (!text.startsWith("token=")) text = texts.get(next[0]++ % texts.size());
                return new TextNode(text.substring("token=".length()));
            }
            if (v.startsWith("{") || v.startsWith("[")) return n; // JSON carried as a string (Azure properties): left as is
            return new TextNode(v + " " + text);
        }
        return n;
    }
}
