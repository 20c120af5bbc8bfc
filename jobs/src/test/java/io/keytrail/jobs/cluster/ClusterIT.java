package io.keytrail.jobs.cluster;

import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.kafka.KafkaBroker;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.report.Text;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.keytrail.jobs.kafka.StreamingTest.finalAlerts;
import static io.keytrail.jobs.kafka.StreamingTest.ids;
import static io.keytrail.jobs.kafka.StreamingTest.incidents;
import static io.keytrail.jobs.kafka.StreamingTest.timelines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded job jar on a REAL standalone Flink cluster: a JobManager and two TaskManagers (2 slots each) as
 * separate JVMs, the jar submitted with Flink's command-line client in its own JVM ({@code run -m}). The sweep
 * at parallelism 4 writes what a local (MiniCluster) sweep writes; {@code stream --bounded} against a real
 * Kafka broker writes what the sweep writes; a TaskManager killed during a stream run (a replacement started)
 * loses and duplicates nothing, on Kafka (read_committed) and in Parquet. Runs after {@code package} (failsafe),
 * since it needs the shaded jar.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    @TempDir
    static java.nio.file.Path tmp;
    static KafkaBroker broker;
    static FlinkCluster cluster;
    static String jar;
    static java.nio.file.Path localOut;
    static final Duration RUN = Duration.ofMinutes(3);

    @BeforeAll
    static void setUp() throws Exception {
        jar = System.getProperty("keytrail.cluster.jar");
        assertTrue(jar != null && Files.exists(java.nio.file.Path.of(jar)), "shaded jar (run after package): " + jar);
        // Enough live records that a stream run is still going after its first checkpoints.
        TestFiles.Result g = TestFiles.run("generate", "--out", tmp.resolve("data").toString(), "--keys", "16",
                "--history-days", "7", "--live-days", "7", "--records", "50000");
        assertEquals(0, g.code(), g.err());
        localOut = tmp.resolve("local");
        TestFiles.Result r = TestFiles.run(sweepArgs(localOut).toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        broker = KafkaBroker.start(tmp.resolve("kafka"));
        broker.createTopic("usage", 4);
        TestFiles.Result p = TestFiles.run("produce", "--bootstrap-servers", broker.bootstrap(), "--topic", "usage",
                "--in", tmp.resolve("data/live").toString());
        assertEquals(0, p.code(), p.err());
        cluster = FlinkCluster.start(tmp.resolve("cluster"), 2, 2);
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (cluster != null) cluster.close();
        } finally {
            if (broker != null) broker.close();
        }
    }

    static List<String> sweepArgs(java.nio.file.Path out) {
        return List.of("sweep", "--history", tmp.resolve("data/history").toString(), "--archive", tmp.resolve("data/live").toString(),
                "--out", out.toString(), "--parallelism", "4");
    }

    static List<String> streamArgs(java.nio.file.Path out, String group, String alertsTopic) {
        return streamArgs(out, group, alertsTopic, 4);
    }

    static List<String> streamArgs(java.nio.file.Path out, String group, String alertsTopic, int parallelism) {
        return List.of("stream", "--bootstrap-servers", broker.bootstrap(), "--topic", "usage",
                "--baselines", localOut.resolve("baselines").toString(), "--out", out.toString(), "--group-id", group,
                "--bounded", "--parallelism", String.valueOf(parallelism), "--checkpoint-interval", "1s", "--alerts-topic", alertsTopic);
    }

    static List<String> withJar(List<String> args) {
        List<String> a = new ArrayList<>(List.of(jar));
        a.addAll(args);
        return a;
    }

    static Map<String, String> baselines(java.nio.file.Path out) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (Map<String, Object> row : TableRows.read(new Path(out.resolve("baselines").toUri()))) {
            Map<String, String> cols = new TreeMap<>();
            row.forEach((k, v) -> cols.put(k, Text.plain(v)));
            m.put(String.valueOf(row.get("api_key_id")), cols.toString());
        }
        return m;
    }

    /** Every alert row as alert_id:revision, sorted (duplicates kept). */
    static List<String> revisions(java.nio.file.Path out) throws Exception {
        return TableRows.read(new Path(out.resolve("alerts").toUri())).stream().map(a -> a.get("alert_id") + ":" + a.get("revision")).sorted().toList();
    }

    @Test
    @Order(1)
    void sweepOnTheClusterEqualsTheLocalSweep() throws Exception {
        java.nio.file.Path out = tmp.resolve("cluster-sweep");
        FlinkCluster.Result r = cluster.run(tmp, "sweep", withJar(sweepArgs(out)), RUN);
        assertEquals(0, r.code(), r.out() + r.err() + cluster.logs());
        assertTrue(r.out().contains("KeyTrail sweep"), r.out());
        Map<String, String> expected = finalAlerts(localOut);
        assertTrue(expected.size() > 5, "the data raises alerts");
        assertEquals(expected, finalAlerts(out));
        assertEquals(baselines(localOut), baselines(out));
        assertEquals(incidents(localOut), incidents(out));
        assertEquals(timelines(localOut), timelines(out));
    }

    @Test
    @Order(2)
    void boundedStreamOnTheClusterEqualsTheSweep() throws Exception {
        broker.createTopic("alerts-clean", 1);
        java.nio.file.Path out = tmp.resolve("cluster-stream");
        FlinkCluster.Result r = cluster.run(tmp, "stream", withJar(streamArgs(out, "clean", "alerts-clean")), RUN);
        assertEquals(0, r.code(), r.out() + r.err() + cluster.logs());
        assertEquals(finalAlerts(localOut), finalAlerts(out));
        assertEquals(timelines(localOut), timelines(out));
        assertEquals(incidents(localOut), incidents(out));
        List<String> onKafka = ids(broker.readAll("alerts-clean"));
        assertTrue(onKafka.size() >= finalAlerts(out).size());
        assertEquals(onKafka.stream().distinct().count(), onKafka.size());
    }

    @Test
    @Order(3)
    void aKilledTaskManagerLosesAndDuplicatesNothing() throws Exception {
        broker.createTopic("alerts-killed", 1);
        java.nio.file.Path out = tmp.resolve("cluster-killed");
        // The replacement is up before the run: a standalone cluster cannot start one, and the restart
        // strategy's attempts (10, 1 s apart) run out while a TaskManager JVM starts on a busy machine.
        cluster.startTaskManager();
        cluster.awaitSlots(6);
        java.util.Set<String> known = cluster.jobIds();
        // Paced, so that the run is still reading when the TaskManager dies: unpaced, it could finish between
        // its first checkpoint and the kill (seen once in CI: no restart in the JobManager's log).
        List<String> paced = new ArrayList<>(streamArgs(out, "killed", "alerts-killed"));
        paced.addAll(List.of("--max-rate", "1500"));
        Process client = cluster.submit(tmp, "stream-killed", withJar(paced));
        String job = cluster.awaitRunningJob(known, 1, Duration.ofSeconds(90));
        assertNotNull(job, "the job was still running after its first checkpoint: " + cluster.logs());
        // For docs/SCALING.md: the last completed checkpoint before the kill (16 keys, parallelism 4).
        System.out.println("checkpoint before the kill: " + cluster.get("/jobs/" + job + "/checkpoints").get("latest").get("completed"));
        Process victim = cluster.busyTaskManager();
        victim.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        assertTrue(client.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS), "the client finished: " + cluster.logs());
        FlinkCluster.Result r = cluster.result("stream-killed", client.exitValue());
        assertEquals(0, r.code(), r.out() + r.err() + cluster.logs());
        String jmLog = Files.readString(cluster.dir().resolve("log/jobmanager.log"));
        assertTrue(jmLog.contains("switched from state RUNNING to RESTARTING"), "the job restarted after the kill");
        List<String> clean = ids(broker.readAll("alerts-clean"));
        List<String> recovered = ids(broker.readAll("alerts-killed"));
        assertEquals(clean, recovered, "Kafka read_committed: none lost, none duplicated");
        assertEquals(revisions(tmp.resolve("cluster-stream")), revisions(out), "Parquet alert rows: none lost, none duplicated");
        assertEquals(finalAlerts(localOut), finalAlerts(out), "and equal the sweep");
        assertEquals(incidents(localOut), incidents(out));
    }

    @Test
    @Order(4)
    void anUpgradeRestoredFromASavepointKeepsEveryKeysState() throws Exception {
        broker.createTopic("alerts-upgrade", 1);
        java.nio.file.Path out = tmp.resolve("cluster-upgrade");
        java.util.Set<String> known = cluster.jobIds();
        // Version 1, unbounded and paced, so that it is stopped half-way with a savepoint.
        List<String> v1 = unbounded(streamArgs(out, "upgrade", "alerts-upgrade", 4));
        v1.addAll(List.of("--max-rate", "1500"));
        Process first = cluster.submit(tmp, "stream-v1", withJar(v1));
        String job = cluster.awaitRunningJob(known, 2, Duration.ofSeconds(120));
        assertNotNull(job, "version 1 was running after two checkpoints: " + cluster.logs());
        String savepoint = savepointOf(cluster.stopWithSavepoint(tmp, job, tmp.resolve("savepoints"), false, RUN));
        assertTrue(first.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS), "version 1's client returned");
        int half = revisions(out).size();
        assertTrue(half < revisions(tmp.resolve("cluster-stream")).size(), "version 1 stopped before the end: " + half);

        // Version 2: another topology (no pacing operator) at another parallelism, from the savepoint; once it
        // has consumed the topic it is stopped with --drain, which ends event time as a bounded run would.
        known = cluster.jobIds();
        List<String> v2 = new ArrayList<>(List.of("-s", savepoint));
        v2.addAll(withJar(unbounded(streamArgs(out, "upgrade", "alerts-upgrade", 2))));
        Process second = cluster.submit(tmp, "stream-v2", v2);
        String job2 = cluster.awaitRunningJob(known, 1, Duration.ofSeconds(120));
        assertNotNull(job2, "version 2 runs: " + cluster.logs());
        long deadline = System.currentTimeMillis() + RUN.toMillis();
        while (!consumedAll("upgrade") && System.currentTimeMillis() < deadline) Thread.sleep(500);
        assertTrue(consumedAll("upgrade"), "version 2 consumed the topic: " + cluster.logs());
        savepointOf(cluster.stopWithSavepoint(tmp, job2, tmp.resolve("savepoints"), true, RUN));
        assertTrue(second.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS), "version 2's client returned");

        assertEquals(revisions(tmp.resolve("cluster-stream")), revisions(out), "Parquet alert rows: as one clean run, none twice");
        assertEquals(finalAlerts(localOut), finalAlerts(out), "and equal the sweep");
        assertEquals(incidents(localOut), incidents(out));
        assertEquals(ids(broker.readAll("alerts-clean")), ids(broker.readAll("alerts-upgrade")), "Kafka read_committed: exactly once");
    }

    static List<String> unbounded(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.remove("--bounded");
        return a;
    }

    static String savepointOf(FlinkCluster.Result stop) {
        assertEquals(0, stop.code(), stop.out() + stop.err() + cluster.logs());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(stop.out());
        assertTrue(m.find(), stop.out());
        return m.group(1);
    }

    /** Whether the consumer group's committed offsets (committed on checkpoints) reached the end of the usage topic. */
    static boolean consumedAll(String group) throws Exception {
        return broker.lag(group, "usage") == 0;
    }
}

