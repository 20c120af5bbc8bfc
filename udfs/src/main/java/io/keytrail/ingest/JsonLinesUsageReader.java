package io.keytrail.ingest;

import java.io.IOException;
import java.io.InputStream;

/** JSON Lines: one object per line, canonical field names; blank lines are not records. */
public final class JsonLinesUsageReader implements UsageRowReader {
    private final Utf8LineReader in;
    private long line;
    private String error;
    private String raw;

    public JsonLinesUsageReader(InputStream stream) {
        this.in = new Utf8LineReader(stream);
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
        error = in.lastLineValid() ? JsonUsageParser.parse(text, into) : "line is not valid UTF-8";
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
