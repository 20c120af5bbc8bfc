package io.keytrail.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.ingest.provider.ProviderParser;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads provider export files through a message-oriented {@link ProviderParser}: in a JSON Lines file
 * ({@code .jsonl}, {@code .ndjson}, optionally gzip'd) each line is a message; in a {@code .json}
 * file each top-level JSON value (a page, a CloudTrail {@code {"Records":[…]}} file, or values one
 * after another) is a message located by the line it starts on. Bad messages and records become
 * rejects; an unreadable file becomes one reject.
 */
public final class ProviderFileFormat extends ParsedRowFormat {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderParser parser;

    public ProviderFileFormat(String inputName, Map<String, Integer> fileIndex, ProviderParser parser) {
        super(inputName, fileIndex);
        this.parser = parser;
    }

    public static boolean isLines(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jsonl") || p.endsWith(".jsonl.gz") || p.endsWith(".ndjson") || p.endsWith(".ndjson.gz");
    }

    @Override
    protected Reader<ParsedRow> reader(Path path, long skip) {
        return new FileReader(path, skip);
    }

    private final class FileReader implements Reader<ParsedRow>, ProviderParser.Output {
        private final Path path;
        private final String source;
        private final int index;
        private final RestoredBatches<ParsedRow> batches;
        private List<ParsedRow> batch;
        private long records;
        private Utf8LineReader lines;
        private JsonParser values;
        private long line;
        private boolean done;

        FileReader(Path path, long skip) {
            this.path = path;
            this.source = path.toString();
            this.index = fileIndex(path);
            this.batches = new RestoredBatches<>(skip);
        }

        @Override
        public void accept(ParsedRow row) {
            batch.add(row);
        }

        @Override
        public long nextSeq() {
            return UsageRecord.seqOf(index, ++records);
        }

        @Override
        public RecordIterator<ParsedRow> readBatch() throws IOException {
            if (done) return null;
            batch = new ArrayList<>(BATCH);
            try {
                if (lines == null && values == null) open();
                while (batch.size() < BATCH && !done) {
                    if (lines != null) nextLine();
                    else nextValue();
                }
            } catch (JacksonException e) {
                done = true;
                batch.add(fileReject("invalid JSON at line " + e.getLocation().getLineNr() + ", rest of file not read: "
                        + e.getOriginalMessage()));
            } catch (Exception e) {
                done = true;
                batch.add(fileReject((line == 0 && lines == null && values == null ? "cannot read file: "
                        : "file unreadable after line " + line + ", rest of file not read: ") + UsageFileFormat.message(e)));
            }
            return batches.batch(batch);
        }

        private void open() throws IOException {
            InputStream in = path.getFileSystem().open(path);
            if (source.toLowerCase(Locale.ROOT).endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
            if (isLines(source)) {
                lines = new Utf8LineReader(in);
            } else {
                values = JSON.getFactory().createParser(in);
            }
        }

        private void nextLine() throws IOException {
            String text = lines.readLine();
            if (text == null) {
                done = true;
                return;
            }
            line++;
            if (!lines.lastLineValid()) {
                batch.add(ParsedRow.rejected(Reject.of(inputName, source, "line " + line, "line is not valid UTF-8",
                        RejectText.of(parser.masker(), text))));
            } else if (!text.isBlank()) {
                parser.parse(inputName, source, "line " + line, text, this);
            }
        }

        private void nextValue() throws IOException {
            JsonToken t = values.nextToken();
            if (t == null) {
                done = true;
                return;
            }
            line = values.currentTokenLocation().getLineNr();
            JsonNode doc = JSON.readTree(values);
            parser.parse(inputName, source, "line " + line, doc, this);
        }

        private ParsedRow fileReject(String reason) {
            return ParsedRow.rejected(Reject.of(inputName, source, "file", parser.masker().maskText(reason), null));
        }

        @Override
        public void close() throws IOException {
            if (lines != null) lines.close();
            if (values != null) values.close();
        }
    }
}
