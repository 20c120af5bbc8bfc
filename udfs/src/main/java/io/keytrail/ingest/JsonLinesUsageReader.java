package io.keytrail.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** JSON Lines: one object per line, canonical field names; blank lines are not records. */
public final class JsonLinesUsageReader implements UsageRowReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(16 << 20).build())
            .build();

    private final BufferedReader in;
    private long line;
    private String error;
    private String raw;

    public JsonLinesUsageReader(InputStream stream) {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public Status next(RawFields into) throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) return Status.END;
            line++;
        } while (text.isBlank());
        raw = text;
        into.clear();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                error = "line is not a JSON object";
                return Status.BAD_ROW;
            }
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
                            error = canonical + " " + p.getText() + " overflows a 64-bit integer";
                            return Status.BAD_ROW;
                        }
                        value = p.getLongValue();
                        break;
                    case VALUE_NUMBER_FLOAT: value = p.getDoubleValue(); break;
                    case VALUE_TRUE: value = Boolean.TRUE; break;
                    case VALUE_FALSE: value = Boolean.FALSE; break;
                    case VALUE_NULL: value = null; break;
                    default:
                        error = canonical + " is a JSON " + (v == JsonToken.START_ARRAY ? "array" : "object") + "; expected a scalar";
                        return Status.BAD_ROW;
                }
                FieldNames.set(into, canonical, value);
            }
            if (t != JsonToken.END_OBJECT) {
                error = "malformed JSON object";
                return Status.BAD_ROW;
            }
            if (p.nextToken() != null) {
                error = "trailing content after the JSON object";
                return Status.BAD_ROW;
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            error = "invalid JSON: " + e.getOriginalMessage();
            return Status.BAD_ROW;
        }
        return Status.ROW;
    }

    @Override
    public long position() {
        return line;
    }

    @Override
    public String positionUnit() {
        return "line";
    }

    @Override
    public String error() {
        return error;
    }

    @Override
    public String rawText() {
        return raw;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
