package io.keytrail.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.keytrail.ingest.provider.ProviderFormats;
import io.keytrail.ingest.provider.ProviderParser;
import io.keytrail.model.UsageRecord;
import io.keytrail.secrets.KeyMasker;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reader (canonical JSON Lines and each provider format) on its bundled sample files, mutated:
 * truncated, emptied, bytes made invalid UTF-8, values replaced by nulls, wrong types, negative,
 * huge, fractional and non-finite numbers, empty and megabyte strings, control characters and ANSI
 * escapes, records duplicated. Reading never throws; each output is exactly one of record, key event
 * or reject; rejects carry a reason; records hold only valid values.
 */
class HostileProviderInputsProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FORMATS = List.of("canonical", "openai-usage", "anthropic-usage", "azure-diagnostics",
            "vertex-audit", "bedrock-cloudtrail", "bedrock-invocation", "litellm", "openai-costs", "anthropic-cost", "openai-audit");
    static final AtomicLong INPUTS = new AtomicLong();
    static final AtomicLong OUTPUTS = new AtomicLong();
    static final AtomicLong REJECTS = new AtomicLong();

    enum Mutation { TRUNCATE, EMPTY, INVALID_UTF8, VALUES, DUPLICATE }

    @Property(tries = 400)
    void everyReaderSurvivesMutatedSamples(@ForAll("formats") String format, @ForAll Mutation mutation,
                                           @ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws Exception {
        Path dir = ProviderFormatsTest.providers().resolve(format);
        File[] samples = dir.toFile().listFiles((d, n) -> !n.startsWith("expected"));
        assertNotNull(samples);
        Arrays.sort(samples);
        Random rnd = new Random(seed);
        File sample = samples[rnd.nextInt(samples.length)];
        byte[] bytes = mutate(Files.readAllBytes(sample.toPath()), sample.getName(), mutation, rnd);
        File tmp = Files.createTempDirectory("hostile").toFile();
        File f = new File(tmp, sample.getName());
        Files.write(f.toPath(), bytes);
        try {
            UsageNormalizer normalizer = new UsageNormalizer(KeyMasker.defaults());
            ProviderParser parser = ProviderFormats.create(format, normalizer);
            var index = Map.of(UsageFileFormat.indexKey(new org.apache.flink.core.fs.Path(f.toURI())), 0);
            List<ParsedRow> rows = FormatReading.read(f, parser == null ? new UsageFileFormat("ingest", index, normalizer)
                    : new ProviderFileFormat("ingest", index, parser));
            for (ParsedRow row : rows) {
                int kinds = (row.record != null ? 1 : 0) + (row.reject != null ? 1 : 0) + (row.event != null ? 1 : 0);
                assertTrue(kinds == 1, format + " " + mutation + ": an output is exactly one thing");
                if (row.reject != null) {
                    assertNotNull(row.reject.reason);
                    assertFalse(row.reject.reason.isBlank());
                    assertNotNull(row.reject.location);
                    REJECTS.incrementAndGet();
                }
                if (row.record != null) valid(row.record, format + " " + mutation);
            }
            if (mutation == Mutation.EMPTY && format.equals("canonical")) assertTrue(rows.isEmpty(), "an empty file has no rows");
            INPUTS.incrementAndGet();
            OUTPUTS.addAndGet(rows.size());
        } finally {
            f.delete();
            tmp.delete();
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("HostileProviderInputsProperties: %,d mutated inputs, %,d outputs, %,d rejected, 0 crashed%n",
                INPUTS.get(), OUTPUTS.get(), REJECTS.get());
    }

    static void valid(UsageRecord r, String what) {
        assertTrue(r.inputTokens >= 0 && r.outputTokens >= 0, what + ": tokens " + r);
        assertTrue(r.requestCount >= 1, what + ": request_count " + r);
        assertTrue(Double.isNaN(r.costUsd) || (Double.isFinite(r.costUsd) && r.costUsd >= 0), what + ": cost " + r);
        assertTrue(r.apiKeyId != null && !r.apiKeyId.isBlank(), what + ": key " + r);
        assertNotNull(r.model, what);
        assertTrue(r.tsMicros >= -62135596800000000L && r.tsMicros <= 253402300799999999L, what + ": timestamp " + r);
        assertTrue(r.statusCode == UsageRecord.NO_STATUS || (r.statusCode >= 0 && r.statusCode <= 999), what + ": status " + r);
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of(FORMATS);
    }

    static byte[] mutate(byte[] in, String name, Mutation m, Random rnd) throws Exception {
        switch (m) {
            case EMPTY:
                return new byte[0];
            case TRUNCATE:
                return Arrays.copyOf(in, in.length == 0 ? 0 : rnd.nextInt(in.length));
            case INVALID_UTF8: {
                byte[] out = in.clone();
                for (int i = 0; i < 1 + rnd.nextInt(3) && out.length > 0; i++) {
                    int at = rnd.nextInt(out.length);
                    if (out[at] != '\n') out[at] = (byte) (0x80 | rnd.nextInt(0x40)); // a lone continuation byte
                }
                return out;
            }
            case DUPLICATE: {
                String s = new String(in, StandardCharsets.UTF_8);
                return (s + (s.endsWith("\n") ? "" : "\n") + s).getBytes(StandardCharsets.UTF_8);
            }
            default:
                return values(in, name, rnd);
        }
    }

    /** Mutates a random share of the JSON values, document by document (or line by line). */
    static byte[] values(byte[] in, String name, Random rnd) throws Exception {
        double share = 0.05 + rnd.nextDouble() * 0.5;
        int[] megabytes = {1}; // one 1 MB string per input keeps files small
        boolean lines = !name.endsWith(".json") || name.endsWith(".jsonl");
        String broken = new String(in, StandardCharsets.UTF_8);
        String out = JsonLeaves.map(broken, lines, (field, n) -> rnd.nextDouble() >= share ? n : mutant(n, rnd, megabytes),
                text -> text); // a sample broken on purpose stays as it is
        return out.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode mutant(JsonNode n, Random rnd, int[] megabytes) {
        return switch (rnd.nextInt(12)) {
            case 0 -> NullNode.instance;
            case 1 -> n.isTextual() ? LongNode.valueOf(42) : TextNode.valueOf("forty-two");
            case 2 -> LongNode.valueOf(-1 - rnd.nextInt(1000));
            case 3 -> DoubleNode.valueOf(1e300);
            case 4 -> DoubleNode.valueOf(rnd.nextInt(100) + 0.5);
            case 5 -> TextNode.valueOf("");
            case 6 -> TextNode.valueOf(megabytes[0]-- > 0 ? "x".repeat(1 << 20) : "x".repeat(1000));
            case 7 -> TextNode.valueOf("\u001b[2J\u001b]0;pwned\u0007<script>alert(1)</script>\r\n\u0000");
            case 8 -> LongNode.valueOf(Long.MAX_VALUE);
            case 9 -> TextNode.valueOf("9999-12-31T23:59:59Z");
            case 10 -> TextNode.valueOf("2026-02-30T25:61:00Z");
            default -> JSON.createObjectNode().put("nested", n.asText());
        };
    }
}
