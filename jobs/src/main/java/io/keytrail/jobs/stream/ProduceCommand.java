package io.keytrail.jobs.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.report.Text;
import io.keytrail.jobs.sweep.InputFiles;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * `keytrail produce`: puts canonical usage Parquet (such as the sample's live/) on a Kafka topic as JSON
 * messages keyed by api_key_id, in file order, optionally paced: what a collector would do.
 */
public final class ProduceCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public ProduceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "produce";
    }

    @Override
    public String summary() {
        return "Send canonical usage records (Parquet) to a Kafka topic as JSON, as a usage collector would.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("bootstrap-servers", "HOST:PORT", "127.0.0.1:9092", "Kafka bootstrap servers")
                .value("topic", "TOPIC", "usage", "topic to write to")
                .repeatable("in", "PATH", "datasets/sample/live", "canonical usage Parquet files or directories")
                .value("rate", "N", "0", "messages per second (0: as fast as possible)");
    }

    @Override
    public int run(Options o) throws Exception {
        long rate = o.longValue("rate", 0);
        InputFiles in = InputFiles.list("produce", o.all("in").stream().map(Home::resolve).toList());
        if (in.files.isEmpty()) throw new UsageException("produce: no Parquet files under --in " + o.all("in"));
        Properties p = new Properties();
        p.put("bootstrap.servers", o.get("bootstrap-servers"));
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        ensureTopic(o.get("bootstrap-servers"), o.get("topic"));
        ObjectMapper json = new ObjectMapper();
        long sent = 0, t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (var file : in.files) {
                for (Map<String, Object> row : TableRows.read(file)) {
                    producer.send(new ProducerRecord<>(o.get("topic"), String.valueOf(row.get("api_key_id")), toJson(json, row)));
                    sent++;
                    if (rate > 0) {
                        long due = t0 + sent * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                    if (sent % 100_000 == 0) err.printf("  ... %,d messages%n", sent);
                }
            }
            producer.flush();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf("produced %,d messages to %s in %.1f s (%,.0f/s)%n", sent, o.get("topic"), secs, sent / Math.max(secs, 0.001));
        return 0;
    }

    /** Creates the topic (2 partitions) when the broker does not have it yet. */
    static void ensureTopic(String bootstrap, String topic) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 2, (short) 1))).all()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    static String toJson(ObjectMapper json, Map<String, Object> row) throws Exception {
        ObjectNode n = json.createObjectNode();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = e.getValue();
            if (v == null) continue;
            if (e.getKey().equals("timestamp")) n.put("timestamp", Text.plain(v));
            else if (v instanceof Double d) n.put(e.getKey(), d);
            else if (v instanceof Number num) n.put(e.getKey(), num.longValue());
            else n.put(e.getKey(), String.valueOf(v));
        }
        return json.writeValueAsString(n);
    }
}
