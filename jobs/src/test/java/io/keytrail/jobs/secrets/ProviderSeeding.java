package io.keytrail.jobs.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.keytrail.ingest.JsonLeaves;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Seeds a provider export (one JSON document or JSON Lines) with full keys: every string value that is
 * not a timestamp gets a key-bearing text appended, and values of identity-like fields are replaced by a
 * bare key, so that both the parsers' happy paths and their rejects see keys.
 */
final class ProviderSeeding {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ].*");
    private static final Pattern IDENTITY = Pattern.compile("(?i).*(api_?key|key_?id|accesskey|principal|caller).*");

    private ProviderSeeding() {}

    static String seed(String content, List<String> texts, int salt) throws Exception {
        int[] next = {salt};
        String trimmed = content.strip();
        boolean document = trimmed.startsWith("{") && !trimmed.contains("\n{") || trimmed.startsWith("[");
        // A document or line that is broken on purpose stays broken, with a key.
        return JsonLeaves.map(content, !document, (field, n) -> leaf(field, n, texts, next),
                text -> text + (document ? "\n" : " ") + texts.get(next[0]++ % texts.size()));
    }

    private static JsonNode leaf(String field, JsonNode n, List<String> texts, int[] next) {
        if (!n.isTextual()) return n;
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
}
