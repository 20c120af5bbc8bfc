package io.keytrail.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rewrites every scalar value of a JSON export, one document or JSON Lines, for tests that plant
 * hostile values in real samples. A document or line that does not parse (samples broken on purpose)
 * goes to a fallback instead.
 */
public final class JsonLeaves {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scalar's replacement; {@code field} is the name it stands under (an array's), null at the top. */
    public interface Leaf {
        JsonNode apply(String field, JsonNode value);
    }

    private JsonLeaves() {}

    /**
     * @param lines  JSON Lines (blank lines dropped) rather than one document
     * @param broken what a document or line that does not parse becomes
     */
    public static String map(String content, boolean lines, Leaf leaf, UnaryOperator<String> broken) throws Exception {
        if (!lines) return mapOne(content.strip(), leaf, broken);
        StringBuilder b = new StringBuilder();
        for (String line : content.split("\n")) {
            if (!line.isBlank()) b.append(mapOne(line, leaf, broken)).append('\n');
        }
        return b.toString();
    }

    private static String mapOne(String text, Leaf leaf, UnaryOperator<String> broken) throws Exception {
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (JacksonException e) {
            return broken.apply(text);
        }
        return JSON.writeValueAsString(walk(doc, null, leaf));
    }

    private static JsonNode walk(JsonNode n, String field, Leaf leaf) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) o.set(k, walk(o.get(k), k, leaf));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) a.set(i, walk(a.get(i), field, leaf));
            return a;
        }
        return leaf.apply(field, n);
    }
}
