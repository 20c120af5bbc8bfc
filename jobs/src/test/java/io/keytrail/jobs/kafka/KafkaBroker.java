package io.keytrail.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (kafka_2.13, KRaft, broker and controller in one) in its own JVM, on loopback
 * ports, with its data in a temporary folder. The classpath comes from the keytrail-kafka-broker
 * module (system property keytrail.kafka.classpath). No Docker, no mocks.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    public static KafkaBroker start(Path dir) throws Exception {
        KafkaBroker b = new KafkaBroker(dir);
        b.launch();
        return b;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void launch() throws Exception {
        String cpFile = System.getProperty("keytrail.kafka.classpath");
        if (cpFile == null || !Files.exists(Path.of(cpFile))) {
            throw new IllegalStateException("Kafka broker classpath not found (" + cpFile + "): build testing/kafka-broker first (mvn -B verify does)");
        }
        String cp = Files.readString(Path.of(cpFile)).strip();
        Files.createDirectories(dir.resolve("logs"));
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") );
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Base64url can start with '-', which the format tool's parser takes for an option (one run in 64
        // failed so); Kafka's own ids never start with it, so neither do these.
        String clusterId;
        do {
            clusterId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes());
        } while (clusterId.startsWith("-"));
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            // A static quorum (controller.quorum.voters): format without --standalone.
            Process format = new ProcessBuilder(javaBin, "-cp", cp, "kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId, "-c", props.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/format.log").toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("logs/format.log")));
            }
        }
        process = new ProcessBuilder(javaBin, "-Xmx512m", "-Dkafka.logs.dir=" + dir.resolve("logs"), "-cp", cp, "kafka.Kafka", props.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/broker.out").toFile()).start();
        awaitReady();
    }

    private void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("broker exited: " + Files.readString(dir.resolve("logs/broker.out")));
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("broker not ready in 60 s", last);
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Messages of {@code topic} not yet committed by consumer group {@code group} (committed on checkpoints by Flink). */
    public long lag(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()) {
                latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                var c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    public Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        return p;
    }

    /** Stops and starts the same broker (same data and ports), for broker-restart tests. */
    public void restart() throws Exception {
        close();
        launch();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] uuidBytes() {
        UUID u = UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Reads every committed message of a topic (read_committed): up to the end offsets the broker
     * reports for committed data, however long a loaded machine takes to join the group and fetch.
     */
    public List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = clientProps();
        p.put("group.id", "reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> out = new ArrayList<>();
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p)) {
            List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor(topic, java.time.Duration.ofSeconds(60)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(parts, java.time.Duration.ofSeconds(60));
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                boolean done = true;
                for (var tp : parts) if (c.position(tp, java.time.Duration.ofSeconds(30)) < end.get(tp)) done = false;
                if (done) break;
                c.poll(java.time.Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
