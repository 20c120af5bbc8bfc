package io.keytrail.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.model.UsageRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * JSON Lines files mixing valid records with generated malformed ones, read through the real file
 * format: reading completes, every line is a record or a reject with a reason (the counts add up
 * exactly), each malformed line is a reject, and the valid lines give the same records as a file of
 * the valid lines alone.
 */
class MalformedLinesProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicLong LINES = new AtomicLong();
    static final AtomicLong REJECTED = new AtomicLong();
    static final AtomicLong FILES = new AtomicLong();

    /** A line and what reading it must give: a record (valid), a reject (bad), or either (odd but harmless). */
    record Line(byte[] bytes, Kind kind, String mutation) {}

    enum Kind { VALID, BAD, EITHER }

    @Property(tries = 300)
    void everyLineIsARecordOrARejectAndBadLinesChangeNothingElse(@ForAll("files") List<Line> lines) throws Exception {
        File dir = Files.createTempDirectory("malformed").toFile();
        try {
            List<ParsedRow> rows = FormatReading.read(write(new File(dir, "mixed.jsonl"), lines));
            assertEquals(lines.size(), rows.size(), "one row per line");
            List<UsageRecord> validFromMixed = new ArrayList<>();
            List<Line> valid = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                ParsedRow row = rows.get(i);
                Line line = lines.get(i);
                assertFalse(row.record == null && row.reject == null, "line " + (i + 1) + " is neither");
                if (row.reject != null) {
                    assertNotNull(row.reject.reason);
                    assertFalse(row.reject.reason.isBlank());
                    assertEquals("line " + (i + 1), row.reject.location);
                    REJECTED.incrementAndGet();
                }
                switch (line.kind) {
                    case VALID -> {
                        assertNull(row.reject, () -> "valid line rejected: " + row.reject.reason);
                        validFromMixed.add(row.record);
                        valid.add(line);
                    }
                    case BAD -> assertNotNull(row.reject, () -> line.mutation + " was accepted: " + text(line));
                    case EITHER -> { }
                }
            }
            List<ParsedRow> alone = FormatReading.read(write(new File(dir, "valid.jsonl"), valid));
            assertEquals(valid.size(), alone.size());
            for (int i = 0; i < valid.size(); i++) {
                assertEquals(describe(alone.get(i).record), describe(validFromMixed.get(i)), "valid line " + i + " reads the same");
            }
            LINES.addAndGet(lines.size());
            FILES.incrementAndGet();
        } finally {
            for (File f : dir.listFiles()) f.delete();
            dir.delete();
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("MalformedLinesProperties: %,d files, %,d lines, %,d rejected, 0 crashed%n",
                FILES.get(), LINES.get(), REJECTED.get());
    }

    /** Everything a record carries except its position. */
    static String describe(UsageRecord r) {
        return r.tsMicros + "|" + r.offsetSeconds + "|" + r.apiKeyId + "|" + r.apiKeyFingerprint + "|" + r.model + "|"
                + r.inputTokens + "|" + r.outputTokens + "|" + r.endpoint + "|" + r.sourceIp + "|" + r.userAgent + "|"
                + r.statusCode + "|" + r.costUsd + "|" + r.provider + "|" + r.requestCount + "|" + r.errorCode;
    }

    static File write(File f, List<Line> lines) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Line l : lines) {
            b.write(l.bytes);
            b.write('\n');
        }
        Files.write(f.toPath(), b.toByteArray());
        return f;
    }

    static String text(Line l) {
        String s = new String(l.bytes, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Provide
    Arbitrary<List<Line>> files() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, validLine()),
                        net.jqwik.api.Tuple.of(2, badLine()),
                        net.jqwik.api.Tuple.of(1, eitherLine()))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    Arbitrary<ObjectNode> validRecord() {
        Arbitrary<Long> ts = Arbitraries.longs().between(1_600_000_000L, 1_900_000_000L);
        Arbitrary<String> key = Arbitraries.of("key_a", "key_b", "apikey_0042", "k");
        Arbitrary<String> model = Arbitraries.of("gpt-4o", "claude-3-opus", "gemini-1.5-pro", "gpt-4o-mini");
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 200_000);
        Arbitrary<String> ua = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).injectNull(0.2);
        Arbitrary<Double> cost = Arbitraries.doubles().between(0, 50).injectNull(0.3);
        return Combinators.combine(ts, key, model, tokens, tokens, ua, cost).as((t, k, m, in, out, u, c) -> {
            ObjectNode n = JSON.createObjectNode();
            n.put("timestamp", java.time.Instant.ofEpochSecond(t).toString());
            n.put("api_key_id", k).put("model", m).put("input_tokens", in).put("output_tokens", out);
            n.put("endpoint", "/v1/chat/completions").put("source_ip", "203.0.113." + (in % 250)).put("status_code", 200);
            if (u != null) n.put("user_agent", u);
            if (c != null) n.put("cost_usd", c);
            return n;
        });
    }

    Arbitrary<Line> validLine() {
        return validRecord().map(n -> new Line(n.toString().getBytes(StandardCharsets.UTF_8), Kind.VALID, "valid"));
    }

    /** Mutations that must be rejected. */
    Arbitrary<Line> badLine() {
        Arbitrary<String> mutation = Arbitraries.of("truncated", "not-an-object", "missing", "null", "wrong-type", "negative",
                "overflow", "fraction", "nan-cost", "infinite-cost", "negative-cost", "bad-timestamp", "invalid-utf8",
                "empty-key", "status-too-big", "bare-word");
        return Combinators.combine(validRecord(), mutation, Arbitraries.of("timestamp", "api_key_id", "model", "input_tokens",
                "output_tokens")).as((n, m, field) -> new Line(bad(n, m, field), Kind.BAD, m + " " + field));
    }

    static byte[] bad(ObjectNode n, String mutation, String field) {
        String counted = field.endsWith("tokens") ? field : "input_tokens";
        switch (mutation) {
            case "truncated" -> {
                String s = n.toString();
                return s.substring(0, s.length() / 2).getBytes(StandardCharsets.UTF_8);
            }
            case "not-an-object" -> {
                return ("[" + n + "]").getBytes(StandardCharsets.UTF_8);
            }
            case "missing" -> n.remove(field);
            case "null" -> n.putNull(field);
            case "wrong-type" -> {
                if (field.endsWith("tokens")) n.put(field, "many");
                else n.put(field, true);
            }
            case "negative" -> n.put(counted, -1);
            case "overflow" -> n.put(counted, new java.math.BigInteger("99999999999999999999999"));
            case "fraction" -> n.put(counted, 1.5);
            case "nan-cost" -> {
                n.remove("cost_usd");
                return n.toString().replaceFirst("\\}$", ",\"cost_usd\":NaN}").getBytes(StandardCharsets.UTF_8);
            }
            case "infinite-cost" -> {
                n.remove("cost_usd");
                return n.toString().replaceFirst("\\}$", ",\"cost_usd\":1e999}").getBytes(StandardCharsets.UTF_8);
            }
            case "negative-cost" -> n.put("cost_usd", -0.5);
            case "bad-timestamp" -> n.put("timestamp", "2026-13-45T99:00:00Z");
            case "invalid-utf8" -> {
                byte[] s = n.toString().getBytes(StandardCharsets.UTF_8);
                int at = n.toString().indexOf("\"model\":\"") + 9;
                s[at] = (byte) 0xC3;
                s[at + 1] = (byte) 0x28;
                return s;
            }
            case "empty-key" -> n.put("api_key_id", "   ");
            case "status-too-big" -> n.put("status_code", 100_000);
            case "bare-word" -> {
                return "usage".getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException(mutation);
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Odd but not wrong: the reader may keep or reject them, and must do one or the other. */
    Arbitrary<Line> eitherLine() {
        Arbitrary<String> odd = Arbitraries.of("ansi-ua", "control-endpoint", "megabyte-ua", "far-future", "extra-fields",
                "duplicate-fields", "unicode-model", "empty-strings", "epoch-millis", "offset-time");
        return Combinators.combine(validRecord(), odd).as((n, m) -> new Line(either(n, m), Kind.EITHER, m));
    }

    static byte[] either(ObjectNode n, String mutation) {
        switch (mutation) {
            case "ansi-ua" -> n.put("user_agent", "\u001b[31mred\u001b[0m <script>alert(1)</script>");
            case "control-endpoint" -> n.put("endpoint", "/v1/\u0000\u0007\r\nchat");
            case "megabyte-ua" -> n.put("user_agent", "x".repeat(1 << 20));
            case "far-future" -> n.put("timestamp", "9999-12-31T23:59:59.999999+00:00");
            case "extra-fields" -> n.putObject("nested").put("a", 1);
            case "duplicate-fields" -> {
                return n.toString().replaceFirst("\\}$", ",\"model\":\"other\"}").getBytes(StandardCharsets.UTF_8);
            }
            case "unicode-model" -> n.put("model", "gpt-4o\u202e\ud83d\ude00");
            case "empty-strings" -> n.put("endpoint", "").put("user_agent", "").put("source_ip", "");
            case "epoch-millis" -> n.put("timestamp", 1_767_261_600_000L);
            case "offset-time" -> n.put("timestamp", "2026-01-01T10:00:00-05:00");
            default -> throw new IllegalArgumentException(mutation);
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
