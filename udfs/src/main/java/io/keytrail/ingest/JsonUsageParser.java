package io.keytrail.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;

/**
 * One canonical usage record from one JSON object (a JSON Lines line or a Kafka message) into
 * {@link RawFields}. Shared by the file reader and the stream, so both accept exactly the same input.
 */
public final class JsonUsageParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(16 << 20).build())
            .build();

    private JsonUsageParser() {}

    /** Fills {@code into}; returns null when the object was read, else why it could not be. */
    public static String parse(String text, RawFields into) {
        into.clear();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return "not a JSON object";
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String canonical = FieldNames.canonical(p.currentName());
                JsonToken v = p.nextToken();
                if (canonical == null) {
                    p.skipChildren();
                    continue;
                }
                Object value;
                switch (v) {
                    case VALUE_STRING: value = p.getText(); break;
                    case VALUE_NUMBER_INT:
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return canonical + " " + p.getText() + " overflows a 64-bit integer";
                        }
                        value = p.getLongValue();
                        break;
                    case VALUE_NUMBER_FLOAT: value = p.getDoubleValue(); break;
                    case VALUE_TRUE: value = Boolean.TRUE; break;
                    case VALUE_FALSE: value = Boolean.FALSE; break;
                    case VALUE_NULL: value = null; break;
                    default:
                        return canonical + " is a JSON " + (v == JsonToken.START_ARRAY ? "array" : "object") + "; expected a scalar";
                }
                FieldNames.set(into, canonical, value);
            }
            if (t != JsonToken.END_OBJECT) return "malformed JSON object";
            if (p.nextToken() != null) return "trailing content after the JSON object";
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return "invalid JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "unreadable JSON: " + e.getMessage();
        }
        return null;
    }
}
