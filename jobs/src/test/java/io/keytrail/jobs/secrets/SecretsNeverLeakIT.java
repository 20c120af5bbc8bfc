package io.keytrail.jobs.secrets;

import io.keytrail.jobs.kafka.KafkaBroker;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.secrets.FakeKeys;
import io.keytrail.secrets.SecretFinding;
import io.keytrail.secrets.SecretRules;
import io.keytrail.secrets.SecretScanner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command, run through the {@code ./keytrail} launcher as a user runs it, on inputs seeded with
 * full keys of every rule in conf/secret-rules.json (key column, endpoint, user agent, model, malformed
 * lines, provider exports, git history, CI logs, the command line itself). Then every byte written is
 * searched: files (Parquet decoded as well as raw, since its pages are compressed), stdout, stderr, the
 * log file and the alerts topic. Not one key, nor a 12-character slice of one, may appear anywhere.
 * Slow: a broker and a dozen JVMs.
 */
@Tag("slow")
class SecretsNeverLeakIT {
    static final Path HOME = Path.of(System.getProperty("keytrail.home"));

    @TempDir
    Path tmp;
    final List<String> transcript = new ArrayList<>();
    /** Each command's log file goes here (the launcher's log starts afresh on every run). */
    Path logs;

    /** One fake key per rule, with the words that context-bound rules need next to it. */
    static Map<String, String> keysByRule() {
        FakeKeys f = new FakeKeys(20261129L);
        Map<String, String> k = new LinkedHashMap<>();
        k.put("openai-legacy", f.openaiLegacyMarked());
        k.put("openai-project", f.openaiProject());
        k.put("openai-service-account", f.openaiServiceAccount());
        k.put("openai-admin", f.openaiAdmin());
        k.put("anthropic-api-key", f.anthropic());
        k.put("anthropic-admin-key", f.anthropicAdmin());
        k.put("google-api-key", f.google());
        k.put("azure-openai-key", f.azure());
        k.put("huggingface-token", f.huggingface());
        k.put("huggingface-org-token", f.huggingfaceOrg());
        k.put("groq-api-key", f.groq());
        k.put("xai-api-key", f.xai());
        k.put("deepseek-api-key", f.deepseek());
        k.put("replicate-api-token", f.replicate());
        k.put("openrouter-api-key", f.openrouter());
        k.put("perplexity-api-key", f.perplexity());
        k.put("cohere-api-key", f.cohere());
        k.put("aws-access-key-id", f.awsLongTerm());
        return k;
    }

    static String inContext(String rule, String key) {
        return switch (rule) {
            case "azure-openai-key" -> "azure api-key: " + key;
            case "cohere-api-key" -> "cohere " + key;
            case "deepseek-api-key" -> "deepseek " + key;
            default -> "token=" + key;
        };
    }

    @Test
    void noCommandWritesAFullKeyAnywhere() throws Exception {
        Map<String, String> keys = keysByRule();
        SecretScanner scanner = new SecretScanner(SecretRules.load(HOME.resolve("conf/secret-rules.json")));
        List<String> texts = new ArrayList<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String text = inContext(e.getKey(), e.getValue());
            List<SecretFinding> found = scanner.find(text);
            assertEquals(1, found.size(), "the fake key of rule " + e.getKey() + " is one its rule finds: " + text);
            assertEquals(e.getKey(), found.get(0).ruleId());
            texts.add(text);
        }
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        logs = Files.createDirectories(work.resolve("logs"));

        // Canonical usage: three keys as identities, every key somewhere in user agents, endpoints and models.
        List<String> identities = List.of(keys.get("openai-project"), keys.get("anthropic-api-key"), keys.get("aws-access-key-id"));
        writeUsage(in.resolve("history/h.jsonl"), identities, texts, "2026-01-01", 10, false);
        writeUsage(in.resolve("archive/a.jsonl"), identities, texts, "2026-01-11", 2, true);
        Files.writeString(in.resolve("archive/a.jsonl"), "{\"timestamp\":\"not a time\",\"api_key_id\":\"" + identities.get(0)
                + "\",\"model\":\"gpt-4o\"}\nnot json " + texts.get(3) + " {\n", java.nio.file.StandardOpenOption.APPEND);

        Path out = work.resolve("out");
        int n = 0;
        ok(keytrail("sweep", "--history", in.resolve("history").toString(), "--archive", in.resolve("archive").toString(),
                "--out", out.toString(), "--compromise-start", identities.get(1) + "=2026-01-11T00:00:00Z"));
        ok(keytrail("report", "--from", out.toString()));
        ok(keytrail("sql", "--from", out.toString(), "SELECT * FROM alerts"));
        ok(keytrail("sql", "--from", out.toString(), "--format", "json", "SELECT * FROM timelines"));
        ok(keytrail("sql", "--from", out.toString(), "--format", "csv", "SELECT * FROM rejects"));
        ok(keytrail("baseline", "--history", in.resolve("history").toString(), "--out", work.resolve("baselines").toString(),
                "--as-of", "2026-01-10"));
        Run strict = keytrail("sweep", "--history", in.resolve("history").toString(), "--archive", in.resolve("archive").toString(),
                "--out", work.resolve("strict").toString(), "--strict");
        assertEquals(1, strict.code, "--strict fails on the malformed lines: " + strict.err);

        // Every provider export, each string value carrying a key.
        for (Path dir : providerDirs()) {
            String format = dir.getFileName().toString();
            Path seeded = Files.createDirectories(in.resolve("providers").resolve(format));
            for (Path f : inputFiles(dir)) {
                Files.writeString(seeded.resolve(f.getFileName()), ProviderSeeding.seed(Files.readString(f), texts, n++));
            }
            Run r = keytrail("ingest", "--format", format, "--in", seeded.toString(), "--out", work.resolve("ingest-" + format).toString());
            assertTrue(r.code == 0 || r.code == 1, format + ": " + r.err);
        }

        // Git history, a config tree and a CI log.
        Path repo = in.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve(".env"), String.join("\n", texts) + "\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Dev", "dev@example.com", Instant.ofEpochSecond(1_767_000_000L), ZoneOffset.UTC);
            git.commit().setMessage("config " + texts.get(0)).setAuthor(who).setCommitter(who).setSign(false).call();
        }
        Files.createDirectories(in.resolve("tree"));
        Files.writeString(in.resolve("tree/settings.yaml"), String.join("\n", texts) + "\n");
        Files.createDirectories(in.resolve("ci"));
        Files.writeString(in.resolve("ci/build.log"), "2026-01-02T03:04:05Z echo " + String.join(" ", texts) + "\n");
        Run scan = keytrail("leakscan", "--repo", repo.toString(), "--dir", in.resolve("tree").toString(),
                "--logs", in.resolve("ci").toString(), "--out", work.resolve("leaks").toString(), "--exit-code", "3");
        assertEquals(3, scan.code, scan.err);

        // The live path: keys in Kafka messages, alerts to a topic.
        List<String> alertMessages;
        try (KafkaBroker broker = KafkaBroker.start(tmp.resolve("kafka"))) {
            broker.createTopic("usage", 1);
            broker.createTopic("alerts", 1);
            Properties p = broker.clientProps();
            p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (String line : Files.readAllLines(in.resolve("archive/a.jsonl"))) {
                    producer.send(new ProducerRecord<>("usage", identities.get(0), line));
                }
            }
            ok(keytrail("stream", "--bootstrap-servers", broker.bootstrap(), "--topic", "usage", "--bounded",
                    "--baselines", out.resolve("baselines").toString(), "--out", work.resolve("stream").toString(),
                    "--alerts-topic", "alerts", "--checkpoint-interval", "1s"));
            alertMessages = broker.readAll("alerts").stream().map(r -> r.key() + "\n" + r.value()).toList();
        }
        assertTrue(alertMessages.size() > 0, "the stream raised alerts");

        // Evidence that the keys went through: masked forms are in the outputs.
        List<Map<String, Object>> alerts = TableRows.read(new org.apache.flink.core.fs.Path(out.resolve("alerts").toUri()));
        assertTrue(alerts.stream().anyMatch(a -> String.valueOf(a.get("api_key_id")).startsWith("sk-proj-...")), "alerts on the keys");
        assertTrue(TableRows.read(new org.apache.flink.core.fs.Path(out.resolve("rejects").toUri())).size() >= 2);

        List<String> needles = new ArrayList<>();
        for (String k : keys.values()) {
            needles.add(k);
            // A 12-character slice from past the prefix: no partial key either.
            int from = Math.max(0, k.length() / 2 - 6);
            needles.add(k.substring(from, from + 12));
        }
        List<String> leaks = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(work)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files++;
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : needles) if (raw.contains(s)) leaks.add(work.relativize(f) + " contains " + s);
                if (f.toString().endsWith(".parquet")) {
                    for (Map<String, Object> row : TableRows.readFile(new org.apache.flink.core.fs.Path(f.toUri()))) {
                        String decoded = row.toString();
                        for (String s : needles) if (decoded.contains(s)) leaks.add(work.relativize(f) + " (decoded) contains " + s);
                    }
                }
            }
        }
        List<String> streams = new ArrayList<>(transcript);
        streams.addAll(alertMessages);
        for (String t : streams) for (String s : needles) if (t.contains(s)) leaks.add("output or topic contains " + s + ": " + clip(t, s));
        try (Stream<Path> l = Files.list(logs)) {
            assertTrue(l.filter(f -> f.toFile().length() > 0).count() >= transcript.size() / 4, "the commands logged");
        }
        assertTrue(files > 50, "outputs were written: " + files);
        assertEquals(List.of(), leaks);
    }

    @Test
    void privateRunsWriteOwnerOnlyFiles() throws Exception {
        Path out = tmp.resolve("private-out");
        logs = Files.createDirectories(tmp.resolve("private-logs"));
        ok(keytrail(Map.of("KEYTRAIL_PRIVATE", "1"), "sweep", "--out", out.toString()));
        ok(keytrail(Map.of("KEYTRAIL_PRIVATE", "1"), "report", "--from", out.toString()));
        List<String> open = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.toList()) {
                checked++;
                var perms = Files.getPosixFilePermissions(f);
                for (var p : perms) if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) open.add(out.relativize(f) + " " + perms);
            }
        }
        var logPerms = Files.getPosixFilePermissions(logs.resolve("1.log"));
        assertTrue(checked > 20, "tables and reports were written: " + checked);
        assertEquals(List.of(), open);
        assertTrue(logPerms.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")), logPerms.toString());
    }

    record Run(int code, String out, String err) {}

    Run keytrail(String... args) throws Exception {
        return keytrail(Map.of(), args);
    }

    Run keytrail(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", HOME.resolve("keytrail").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile());
        pb.environment().put("KEYTRAIL_LOG_FILE", logs.resolve((transcript.size() / 2 + 1) + ".log").toString());
        pb.environment().put("KEYTRAIL_NO_BUILD", "1"); // the jar that `package` just built, whatever changed since
        pb.environment().putAll(env);
        Path o = Files.createTempFile(tmp, "out", ".txt");
        Path e = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", args));
        Run r = new Run(p.exitValue(), Files.readString(o), Files.readString(e));
        transcript.add(r.out);
        transcript.add(r.err);
        return r;
    }

    static void ok(Run r) {
        assertEquals(0, r.code, r.err);
    }

    static String clip(String text, String needle) {
        int i = text.indexOf(needle);
        return text.substring(Math.max(0, i - 80), Math.min(text.length(), i + needle.length() + 20));
    }

    static List<Path> providerDirs() throws Exception {
        try (Stream<Path> s = Files.list(HOME.resolve("datasets/providers"))) {
            return s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("canonical")).sorted().toList();
        }
    }

    static List<Path> inputFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> !f.getFileName().toString().startsWith("expected")).sorted().toList();
        }
    }

    /**
     * Per-request usage: each day 12 working-hour requests per identity from the application's IP;
     * with {@code attack}, the first identity is also used at night from another IP with another model.
     */
    static void writeUsage(Path file, List<String> identities, List<String> texts, String firstDay, int days, boolean attack)
            throws Exception {
        Files.createDirectories(file.getParent());
        StringBuilder b = new StringBuilder();
        java.time.LocalDate d0 = java.time.LocalDate.parse(firstDay);
        int t = 0;
        for (int d = 0; d < days; d++) {
            // In time order per key, as a collector sends them: the night's attack, then the working day.
            if (attack) {
                for (int i = 0; i < 30; i++) {
                    String ts = d0.plusDays(d) + "T" + String.format("03:%02d:00Z", i);
                    b.append(record(ts, identities.get(0), "gpt-4 " + texts.get(t++ % texts.size()), "/v1/files",
                            "185.220.101." + (i % 3 + 1), "curl/8 " + texts.get(t++ % texts.size()))).append('\n');
                }
            }
            for (int i = 0; i < 12; i++) {
                java.time.LocalTime at = java.time.LocalTime.of(9, 0).plusMinutes(35L * i);
                for (int k = 0; k < identities.size(); k++) {
                    String ts = d0.plusDays(d) + "T" + at + ":00Z";
                    b.append(record(ts, identities.get(k), "gpt-4o", "/v1/chat/completions?" + texts.get(t++ % texts.size()),
                            "10.0.0." + (k + 1), "app/1.0 (" + texts.get(t++ % texts.size()) + ")")).append('\n');
                }
            }
        }
        Files.writeString(file, b.toString());
    }

    static String record(String ts, String key, String model, String endpoint, String ip, String ua) {
        com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("timestamp", ts).put("api_key_id", key).put("model", model).put("input_tokens", 900).put("output_tokens", 5000)
                .put("endpoint", endpoint).put("source_ip", ip).put("user_agent", ua).put("status_code", 200).put("cost_usd", 0.08);
        return n.toString();
    }
}
