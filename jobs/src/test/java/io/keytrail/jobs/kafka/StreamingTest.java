package io.keytrail.jobs.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.generate.GeneratedData;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.report.Text;
import io.keytrail.jobs.stream.FailureInjectorAccess;
import org.apache.flink.core.fs.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live stream against a real Kafka broker (separate JVM, KRaft): same alerts, timelines and
 * incidents as the sweep for the same records; late and malformed messages in their tables; alerts on
 * Kafka exactly once across an injected failure. Slow: it starts a broker and several Flink jobs.
 */
@Tag("slow")
public class StreamingTest {
    @TempDir
    static java.nio.file.Path tmp;
    static KafkaBroker broker;
    static java.nio.file.Path sweepOut;
    static int produced;
    /** The archive as (key, canonical JSON message), in file order. */
    static final List<String[]> messages = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        broker = KafkaBroker.start(tmp.resolve("kafka"));
        GeneratedData.write(tmp.resolve("data"), 8, 10, 4);
        sweepOut = tmp.resolve("sweep");
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("data/history").toString(),
                "--archive", tmp.resolve("data/live").toString(), "--out", sweepOut.toString(), "--parallelism", "2");
        assertEquals(0, r.code(), r.err());
        broker.createTopic("usage", 2);
        // The archive, in file order, as canonical JSON messages keyed by api_key_id.
        List<Map<String, Object>> live = TableRows.read(new Path(tmp.resolve("data/live").toUri()));
        ObjectMapper json = new ObjectMapper();
        Properties p = broker.clientProps();
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Map<String, Object> row : live) {
                ObjectNode n = json.createObjectNode();
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    Object v = e.getValue();
                    if (v == null) continue;
                    if (e.getKey().equals("timestamp")) n.put("timestamp", Text.plain(v));
                    else if (v instanceof Number num && !(v instanceof Double)) n.put(e.getKey(), num.longValue());
                    else if (v instanceof Double d) n.put(e.getKey(), d);
                    else n.put(e.getKey(), String.valueOf(v));
                }
                // All of a key's records in one partition, in order: the watermark never runs ahead of them.
                messages.add(new String[]{(String) row.get("api_key_id"), json.writeValueAsString(n)});
                producer.send(new ProducerRecord<>("usage", (String) row.get("api_key_id"), json.writeValueAsString(n)));
                produced++;
            }
            producer.send(new ProducerRecord<>("usage", "x", "{oops"));
            producer.send(new ProducerRecord<>("usage", "x", "{\"timestamp\": \"yesterday\"}"));
            // Days behind everything else: late for a 30-minute out-of-orderness.
            producer.send(new ProducerRecord<>("usage", (String) live.get(0).get("api_key_id"),
                    "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"api_key_id\":\"" + live.get(0).get("api_key_id")
                            + "\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1}"));
            producer.flush();
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (broker != null) broker.close();
    }

    static TestFiles.Result stream(java.nio.file.Path out, String group, String... extra) {
        List<String> args = new ArrayList<>(List.of("stream", "--bootstrap-servers", broker.bootstrap(), "--topic", "usage",
                "--baselines", sweepOut.resolve("baselines").toString(), "--out", out.toString(), "--group-id", group,
                "--bounded", "--parallelism", "2", "--checkpoint-interval", "1s"));
        args.addAll(List.of(extra));
        return TestFiles.run(args.toArray(new String[0]));
    }

    public static Map<String, String> finalAlerts(java.nio.file.Path out) throws Exception {
        return TableRows.latest(TableRows.read(new Path(out.resolve("alerts").toUri())), "alert_id").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("revision") + " " + e.getValue().get("severity")
                        + " " + Text.plain(e.getValue().get("detected_at")), (a, b) -> a, TreeMap::new));
    }

    public static List<String> timelines(java.nio.file.Path out) throws Exception {
        return TableRows.read(new Path(out.resolve("timelines").toUri())).stream()
                .map(t -> t.get("incident_id") + " " + t.get("seq") + " " + Text.plain(t.get("timestamp")) + " " + t.get("phase"))
                .sorted().toList();
    }

    public static Map<String, String> incidents(java.nio.file.Path out) throws Exception {
        return TableRows.latest(TableRows.read(new Path(out.resolve("incidents").toUri())), "incident_id").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("revision") + " " + e.getValue().get("severity") + " "
                        + Text.plain(e.getValue().get("compromise_start")) + " " + e.getValue().get("attacker_requests") + " "
                        + Text.plain(e.getValue().get("detected_at")), (a, b) -> a, TreeMap::new));
    }

    @Test
    void boundedStreamEqualsTheSweepAndKeepsLateAndMalformedMessages() throws Exception {
        java.nio.file.Path out = tmp.resolve("stream-eq");
        TestFiles.Result r = stream(out, "eq");
        assertEquals(0, r.code(), r.err());
        Map<String, String> expected = finalAlerts(sweepOut);
        assertTrue(expected.size() > 5, "the data raises alerts");
        assertEquals(expected, finalAlerts(out), "same alert ids, final revisions, severities and detection times");
        assertEquals(timelines(sweepOut), timelines(out));
        assertEquals(incidents(sweepOut), incidents(out));
        assertEquals(1, TableRows.read(new Path(out.resolve("late").toUri())).size(), "the late record is kept");
        List<Map<String, Object>> rejects = TableRows.read(new Path(out.resolve("rejects").toUri()));
        assertEquals(2, rejects.size());
        assertTrue(rejects.stream().allMatch(x -> "usage".equals(x.get("source")) && ((String) x.get("location")).matches("partition \\d+ offset \\d+")));
        assertTrue(r.out().contains(String.format("%,d read", produced + 1)), r.out());
    }

    @Test
    void alertsOnKafkaExactlyOnceAcrossAFailure() throws Exception {
        broker.createTopic("alerts-clean", 1);
        broker.createTopic("alerts-failed", 1);
        assertEquals(0, stream(tmp.resolve("clean"), "clean", "--alerts-topic", "alerts-clean").code());
        FailureInjectorAccess.reset();
        TestFiles.Result failed = stream(tmp.resolve("failed"), "failed", "--alerts-topic", "alerts-failed",
                "--fail-after-records", String.valueOf(produced / 2));
        assertEquals(0, failed.code(), failed.err());
        assertTrue(FailureInjectorAccess.failed(), "the failure was injected");
        List<String> clean = ids(broker.readAll("alerts-clean"));
        List<String> recovered = ids(broker.readAll("alerts-failed"));
        assertTrue(clean.size() > 5);
        String sizes = "sweep parquet " + finalAlerts(sweepOut).size() + ", clean parquet " + finalAlerts(tmp.resolve("clean")).size()
                + ", failed parquet " + finalAlerts(tmp.resolve("failed")).size() + ", clean kafka " + clean.size()
                + ", failed kafka " + recovered.size() + "\n" + failed.err();
        assertEquals(clean, recovered, "none lost, none duplicated: " + sizes);
        assertEquals(clean.stream().distinct().count(), clean.size());
        JsonNode first = new ObjectMapper().readTree(broker.readAll("alerts-clean").get(0).value());
        assertEquals(2004, first.get("class_uid").asInt());
        assertEquals(200401, first.get("type_uid").asInt());
        assertTrue(first.get("severity_id").asInt() >= 2);
        assertEquals(finalAlerts(tmp.resolve("clean")), finalAlerts(tmp.resolve("failed")), "the Parquet tables agree too");
    }

    @Test
    void aBrokerRestartDuringTheRunLosesAndDuplicatesNothing() throws Exception {
        broker.createTopic("alerts-restart", 1);
        java.nio.file.Path out = tmp.resolve("restart");
        // Paced so that the job is surely mid-run when the broker goes away.
        int rate = Math.max(50, produced / 20);
        java.util.concurrent.CompletableFuture<TestFiles.Result> run = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                stream(out, "restart", "--alerts-topic", "alerts-restart", "--max-rate", String.valueOf(rate)));
        java.nio.file.Path checkpoints = out.resolve("_checkpoints");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (!run.isDone() && !hasCheckpoint(checkpoints) && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(!run.isDone(), "the job is still running when the broker restarts");
        broker.restart();
        TestFiles.Result r = run.get(10, java.util.concurrent.TimeUnit.MINUTES);
        assertEquals(0, r.code(), r.err());
        assertEquals(finalAlerts(sweepOut), finalAlerts(out), "the Parquet alerts equal the sweep's");
        List<String> onKafka = ids(broker.readAll("alerts-restart"));
        List<String> revisions = TableRows.read(new Path(out.resolve("alerts").toUri())).stream()
                .map(a -> a.get("alert_id") + ":" + a.get("revision")).sorted().toList();
        assertEquals(revisions, onKafka, "every alert revision on Kafka exactly once");
    }

    @Test
    void atTwiceTheSustainableRateItLagsLosesNothingAndCatchesUp() throws Exception {
        broker.createTopic("usage-burst", 2);
        java.nio.file.Path out = tmp.resolve("burst");
        // --max-rate makes the sustainable rate known: R messages a second. The collector then sends at 2R.
        int rate = Math.max(50, produced / 20);
        var client = new java.util.concurrent.atomic.AtomicReference<org.apache.flink.core.execution.JobClient>();
        io.keytrail.jobs.run.JobProgressAccess.onSubmit(client::set);
        java.util.concurrent.CompletableFuture<TestFiles.Result> run;
        try {
            run = java.util.concurrent.CompletableFuture.supplyAsync(() -> TestFiles.run("stream", "--bootstrap-servers",
                    broker.bootstrap(), "--topic", "usage-burst", "--baselines", sweepOut.resolve("baselines").toString(),
                    "--out", out.toString(), "--group-id", "burst", "--parallelism", "2", "--checkpoint-interval", "1s",
                    "--max-rate", String.valueOf(rate)));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
            while (client.get() == null && !run.isDone() && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(client.get() != null, "the unbounded stream started");
        } finally {
            io.keytrail.jobs.run.JobProgressAccess.onSubmit(null);
        }
        long maxLag = 0;
        Properties p = broker.clientProps();
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long start = System.nanoTime();
            for (int i = 0; i < messages.size(); i++) {
                producer.send(new ProducerRecord<>("usage-burst", messages.get(i)[0], messages.get(i)[1]));
                long due = start + (long) (i / (2.0 * rate) * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000L);
                if (i % rate == 0) maxLag = Math.max(maxLag, broker.lag("burst", "usage-burst"));
            }
        }
        maxLag = Math.max(maxLag, broker.lag("burst", "usage-burst"));
        // The rate drops to nothing: the job catches up (its committed offsets reach the end).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (broker.lag("burst", "usage-burst") > 0 && System.nanoTime() < deadline) Thread.sleep(500);
        assertEquals(0, broker.lag("burst", "usage-burst"), "caught up once the rate dropped");
        // Stop with --drain's meaning: event time ends, every day closes, the files are committed.
        client.get().stopWithSavepoint(true, tmp.resolve("burst-savepoints").toUri().toString(),
                org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(3, java.util.concurrent.TimeUnit.MINUTES);
        TestFiles.Result r = run.get(3, java.util.concurrent.TimeUnit.MINUTES);
        assertEquals(0, r.code(), r.err());
        assertTrue(maxLag > 4L * rate, "at twice the sustainable rate the stream fell behind (max lag " + maxLag + ", rate " + rate + ")");
        System.out.printf("burst: %d messages at %d/s into a job paced at %d/s: max lag %d messages%n", messages.size(), 2 * rate, rate, maxLag);
        assertEquals(finalAlerts(sweepOut), finalAlerts(out), "nothing lost: the same alerts as the sweep");
        assertEquals(incidents(sweepOut), incidents(out));
        assertEquals(0, TableRows.read(new Path(out.resolve("late").toUri())).size(), "backpressure made nothing late");
    }

    static boolean hasCheckpoint(java.nio.file.Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return false;
        try (var s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("chk-") && Files.isDirectory(p));
        }
    }

    public static List<String> ids(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> recs) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (var r : recs) out.add(json.readTree(r.value()).get("metadata").get("uid").asText());
        out.sort(null);
        return out;
    }
}
