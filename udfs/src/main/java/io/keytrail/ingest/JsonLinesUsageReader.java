package io.keytrail.ingest;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** JSON Lines: one object per line, canonical field names; blank lines are not records. */
public final class JsonLinesUsageReader implements UsageRowReader {
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
        error = JsonUsageParser.parse(text, into);
        if (error != null) return Status.BAD_ROW;
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
