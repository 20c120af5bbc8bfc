package io.keytrail.jobs.generate;

import io.keytrail.model.UsageRecord;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code truth-records.csv}: one line per attacker record. A record is identified by
 * (api_key_id, timestamp_micros, model, endpoint), which the generators keep unique.
 */
public final class TruthRecords implements Closeable {
    public static final String FILE = "truth-records.csv";
    public static final String HEADER = "api_key_id,timestamp,timestamp_micros,model,endpoint,source_ip,request_count,scenario";
    private final BufferedWriter w;
    private long count;

    public TruthRecords(Path file) throws IOException {
        w = Files.newBufferedWriter(file);
        w.write(HEADER);
        w.newLine();
    }

    public void add(UsageRecord r, String scenario) {
        try {
            w.write(r.apiKeyId + "," + GenerateCommand.iso(r.tsMicros) + "," + r.tsMicros + "," + csv(r.model) + ","
                    + csv(r.endpoint) + "," + csv(r.sourceIp) + "," + r.requestCount + "," + scenario);
            w.newLine();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count() {
        return count;
    }

    /** The identity the evaluation matches timeline entries on. */
    public static String identity(String apiKeyId, long tsMicros, String model, String endpoint) {
        return apiKeyId + "|" + tsMicros + "|" + (model == null ? "" : model) + "|" + (endpoint == null ? "" : endpoint);
    }

    private static String csv(String s) {
        if (s == null) return "";
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    @Override
    public void close() throws IOException {
        w.close();
    }
}
