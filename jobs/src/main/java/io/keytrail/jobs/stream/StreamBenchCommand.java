package io.keytrail.jobs.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.KeyTrail;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.model.Baseline;
import io.keytrail.time.IsoTimestamp;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * `keytrail stream-bench`: end-to-end latency of the live path, from producing a usage record to its
 * alert arriving on the alerts topic (read_committed), and the sustained rate. Records carry the wall
 * clock as event time; every Nth uses a model the key never used, which raises an alert on that very
 * record, so latency = arrival of the alert - its detected_at.
 */
public final class StreamBenchCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public StreamBenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "stream-bench";
    }

    @Override
    public String summary() {
        return "Measure the live path: produce-to-alert latency (p50, p99) and sustained records/s against a Kafka broker.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("bootstrap-servers", "HOST:PORT", "127.0.0.1:9092", "Kafka brokers (scripts/kafka-local starts one)")
                .value("baselines", "DIR", "out/baselines", "baselines of the keys to use (run `keytrail sweep` first)")
                .value("rate", "N", "5000", "records per second to produce")
                .value("seconds", "S", "60", "how long to produce")
                .value("alert-every", "N", "500", "every Nth record uses a new model, raising one alert")
                .value("out-of-orderness", "DURATION", "1s", "the stream's allowed lateness (records are produced in order)")
                .value("checkpoint-interval", "DURATION", "1s", "the stream's checkpoint interval (alerts are visible after their checkpoint)")
                .value("parallelism", "N", "2", "Flink parallelism");
    }

    @Override
    public int run(Options o) throws Exception {
        long rate = o.longValue("rate", 1), seconds = o.longValue("seconds", 1), every = o.longValue("alert-every", 1);
        List<Baseline> baselines = BaselineSnapshot.read(InputFiles.toPath(Home.resolve(o.get("baselines"))));
        if (baselines.isEmpty()) throw new UsageException("stream-bench: no baselines under " + o.get("baselines") + " (run `keytrail sweep` first)");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String usage = "bench-usage-" + run, alerts = "bench-alerts-" + run;
        ProduceCommand.ensureTopic(o.get("bootstrap-servers"), usage);
        ProduceCommand.ensureTopic(o.get("bootstrap-servers"), alerts);
        java.nio.file.Path outDir = java.nio.file.Files.createTempDirectory("keytrail-stream-bench");
        ByteArrayOutputStream jobErr = new ByteArrayOutputStream();
        Thread job = new Thread(() -> new KeyTrail(new PrintStream(new ByteArrayOutputStream()), new PrintStream(jobErr, true))
                .run(new String[] {"stream", "--bootstrap-servers", o.get("bootstrap-servers"), "--topic", usage, "--alerts-topic", alerts,
                        "--baselines", Home.resolve(o.get("baselines")), "--out", outDir.toString(), "--group-id", "bench-" + run,
                        "--out-of-orderness", o.get("out-of-orderness"), "--checkpoint-interval", o.get("checkpoint-interval"),
                        "--parallelism", o.get("parallelism")}), "keytrail-stream");
        job.setDaemon(true);
        job.start();
        err.printf("stream-bench: stream job starting; producing %,d records/s for %d s to %s%n", rate, seconds, usage);
        Thread.sleep(8000);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] consumed = {0};
        Thread reader = new Thread(() -> consume(o.get("bootstrap-servers"), alerts, latencies, consumed), "alerts-reader");
        reader.setDaemon(true);
        reader.start();

        Properties p = new Properties();
        p.put("bootstrap.servers", o.get("bootstrap-servers"));
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("linger.ms", "2");
        long sent = 0, t0 = System.nanoTime(), alertsExpected = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
                Baseline b = baselines.get((int) (sent % baselines.size()));
                boolean alert = sent % every == 0;
                if (alert) alertsExpected++;
                long now = System.currentTimeMillis() * 1000L;
                String model = alert ? "bench-model-" + sent : b.knownModels.isEmpty() ? "m" : b.knownModels.get(0);
                String ip = b.knownIps.isEmpty() ? "" : ",\"source_ip\":\"" + b.knownIps.get(0) + "\"";
                producer.send(new ProducerRecord<>(usage, b.apiKeyId, "{\"timestamp\":\"" + IsoTimestamp.format(new IsoTimestamp.Parsed(now, 0, true))
                        + "\",\"api_key_id\":\"" + b.apiKeyId + "\",\"model\":\"" + model + "\",\"input_tokens\":100,\"output_tokens\":50"
                        + ip + ",\"endpoint\":\"/v1/chat/completions\",\"cost_usd\":0.001}"));
                sent++;
                long due = t0 + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) Thread.sleep(wait / 1_000_000L);
            }
        }
        double produceSecs = (System.nanoTime() - t0) / 1e9;
        // Event time only moves with data: a few ordinary records after the run let the watermark
        // pass the last measured ones.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < 10; i++) {
                for (Baseline b : baselines) {
                    long now = System.currentTimeMillis() * 1000L;
                    producer.send(new ProducerRecord<>(usage, b.apiKeyId, "{\"timestamp\":\"" + IsoTimestamp.format(new IsoTimestamp.Parsed(now, 0, true))
                            + "\",\"api_key_id\":\"" + b.apiKeyId + "\",\"model\":\"" + (b.knownModels.isEmpty() ? "m" : b.knownModels.get(0))
                            + "\",\"input_tokens\":1,\"output_tokens\":1}"));
                }
                producer.flush();
                Thread.sleep(500);
            }
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (latencies.size() < alertsExpected && System.currentTimeMillis() < deadline) Thread.sleep(500);
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        out.printf("stream-bench: %,d records in %.1f s (produced at %,.0f records/s), %d of %d alerts received%n", sent, produceSecs,
                sent / produceSecs, l.size(), alertsExpected);
        if (!l.isEmpty()) {
            out.printf("  produce-to-alert latency: p50 %,d ms, p99 %,d ms, max %,d ms (out-of-orderness %s, checkpoints every %s)%n",
                    l.get(l.size() / 2), l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1)), l.get(l.size() - 1),
                    o.get("out-of-orderness"), o.get("checkpoint-interval"));
        }
        if (l.size() < alertsExpected) err.println("stream-bench: the stream job said:\n" + jobErr);
        return l.size() == alertsExpected ? 0 : 1;
    }

    private static void consume(String bootstrap, String topic, List<Long> latencies, long[] consumed) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            while (true) {
                for (var r : c.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    JsonNode n = json.readTree(r.value());
                    if (n.path("unmapped").path("alert_type").asText().equals("unknown_model")) latencies.add(now - n.get("time").asLong());
                    consumed[0]++;
                }
            }
        } catch (Exception e) {
            // The reader stops with the JVM.
        }
    }
}
