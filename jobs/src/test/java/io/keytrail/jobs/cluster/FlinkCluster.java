package io.keytrail.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Flink 2.2 session cluster without flink-dist: a JobManager and TaskManagers as separate
 * JVMs started the way the dist scripts start them (BashJavaUtils for memory flags and dynamic properties, then
 * StandaloneSessionClusterEntrypoint / TaskManagerRunner), and the command-line client (CliFrontend) in its own
 * JVM. The classpath comes from the keytrail-flink-cluster module (system property keytrail.flink.classpath):
 * Flink's runtime, client, file connector, RocksDB, log4j and the Hadoop client jars, as HADOOP_CLASSPATH gives
 * a real cluster. Everything (config, logs, tmp dirs) lives under one directory; close() kills every process.
 */
public final class FlinkCluster implements AutoCloseable {
    /** Flink's own --add-opens list (env.java.opts.all in flink-dist's config.yaml). */
    static final List<String> OPENS = List.of("--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path dir;
    private final Path conf;
    private final String cp;
    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> taskManagers = new ArrayList<>();
    private Process jobManager;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private FlinkCluster(Path dir) throws IOException {
        this.dir = dir;
        this.conf = dir.resolve("conf");
        String cpFile = System.getProperty("keytrail.flink.classpath");
        if (cpFile == null || !Files.exists(Path.of(cpFile))) {
            throw new IllegalStateException("Flink cluster classpath not found (" + cpFile + "): build testing/flink-cluster first (mvn -B verify does)");
        }
        this.cp = Files.readString(Path.of(cpFile)).strip();
        this.restPort = freePort();
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers with {@code slots} slots each; waits until all slots are registered. */
    public static FlinkCluster start(Path dir, int taskManagers, int slots) throws Exception {
        FlinkCluster c = new FlinkCluster(dir);
        try {
            c.configure(slots);
            c.startJobManager();
            for (int i = 0; i < taskManagers; i++) c.startTaskManager();
            c.awaitSlots(taskManagers * slots);
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    public String restAddress() {
        return "localhost:" + restPort;
    }

    public Path dir() {
        return dir;
    }

    private void configure(int slots) throws IOException {
        Files.createDirectories(conf);
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + freePort(),
                "jobmanager.bind-host: localhost",
                "jobmanager.memory.process.size: 768m",
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.numberOfTaskSlots: " + slots,
                "taskmanager.memory.process.size: 1536m",
                "taskmanager.memory.managed.size: 384m",
                // Parallelism 4 over 2 slots per TaskManager with several all-to-all exchanges: 64m is too few buffers.
                "taskmanager.memory.network.min: 192m",
                "taskmanager.memory.network.max: 192m",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "io.tmp.dirs: " + dir.resolve("tmp"),
                "blob.storage.directory: " + dir.resolve("tmp"),
                // A lost TaskManager is noticed within seconds, not the default 50 s.
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "slot.request.timeout: 60000",
                // Default restart strategy for jobs that set none (stream sets fixed-delay itself).
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 10",
                "restart-strategy.fixed-delay.delay: 1 s",
                ""));
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c %x - %m%n",
                ""));
        Files.writeString(conf.resolve("log4j-cli.properties"), Files.readString(conf.resolve("log4j.properties")));
    }

    /** BashJavaUtils' two result lines: JVM memory flags, then -D dynamic properties. */
    private List<List<String>> resourceParams(String command) throws Exception {
        Path out = dir.resolve("log/" + command + ".out");
        Process p = new ProcessBuilder(javaBin, "-cp", cp, "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", conf.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed: " + Files.readString(out));
        }
        List<List<String>> result = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                String v = line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).strip();
                result.add(v.isEmpty() ? List.of() : List.of(v.split("\\s+")));
            }
        }
        if (result.size() < 2) throw new IllegalStateException(command + ": unexpected output " + Files.readString(out));
        return result;
    }

    private Process launch(String name, String mainClass, List<List<String>> params, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(params.get(0));
        cmd.addAll(OPENS);
        // The processes are killed at close(): their temporary files (Flink's RPC jar, web directories) stay under dir.
        cmd.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        cmd.addAll(List.of("-Dlog.file=" + dir.resolve("log/" + name + ".log"), "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"),
                "-cp", cp, mainClass, "--configDir", conf.toString()));
        cmd.addAll(params.get(1));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log/" + name + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    private void startJobManager() throws Exception {
        jobManager = launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", resourceParams("GET_JM_RESOURCE_PARAMS"));
    }

    /** Starts one more TaskManager (also a replacement for a killed one). */
    public Process startTaskManager() throws Exception {
        String name = "taskmanager-" + (taskManagers.size() + 1);
        Process p = launch(name, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                resourceParams("GET_TM_RESOURCE_PARAMS"), "-D", "taskmanager.resource-id=" + name);
        taskManagers.add(p);
        return p;
    }

    public List<Process> taskManagers() {
        return taskManagers;
    }

    /** A TaskManager process that runs tasks (has slots in use). */
    public Process busyTaskManager() throws Exception {
        for (JsonNode tm : get("/taskmanagers").get("taskmanagers")) {
            if (tm.get("freeSlots").asInt() < tm.get("slotsNumber").asInt()) {
                String id = tm.get("id").asText();
                return taskManagers.get(Integer.parseInt(id.substring("taskmanager-".length())) - 1);
            }
        }
        throw new IllegalStateException("no TaskManager runs tasks");
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + restAddress() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    public void awaitSlots(int slots) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!jobManager.isAlive()) throw new IllegalStateException("the JobManager exited: " + logs());
            try {
                if (get("/overview").get("slots-total").asInt() >= slots) return;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("cluster did not offer " + slots + " slots in 120 s: " + logs(), last);
    }

    /** Ids of every job the cluster knows (running or done). */
    public java.util.Set<String> jobIds() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode j : get("/jobs/overview").get("jobs")) ids.add(j.get("jid").asText());
        return ids;
    }

    /**
     * The id of the job not in {@code known}, once it runs and has completed {@code checkpoints} checkpoints;
     * null if it finished first.
     */
    public String awaitRunningJob(java.util.Set<String> known, int checkpoints, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode j : get("/jobs/overview").get("jobs")) {
                String id = j.get("jid").asText();
                if (known.contains(id)) continue;
                String state = j.get("state").asText();
                if ("RUNNING".equals(state)) {
                    JsonNode cp = get("/jobs/" + id + "/checkpoints");
                    if (cp.get("counts").get("completed").asInt() >= checkpoints) return id;
                } else if (!"INITIALIZING".equals(state) && !"CREATED".equals(state)) {
                    return null;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no running job with " + checkpoints + " checkpoints in " + timeout);
    }

    /** Starts {@code CliFrontend run -m <rest> <args>} in its own JVM (working directory {@code cwd}). */
    public Process submit(Path cwd, String name, List<String> args) throws IOException {
        List<String> action = new ArrayList<>(List.of("run", "-m", restAddress()));
        action.addAll(args);
        return cli(cwd, name, action);
    }

    /** Starts {@code CliFrontend <action...>} (run, stop, ...) in its own JVM. */
    public Process cli(Path cwd, String name, List<String> action) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx512m", "-Djava.io.tmpdir=" + dir.resolve("tmp")));
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-Dlog.file=" + dir.resolve("log/" + name + ".log"), "-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties"),
                "-cp", cp, "org.apache.flink.client.cli.CliFrontend"));
        cmd.addAll(action);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(dir.resolve("log/" + name + ".stdout").toFile()).redirectError(dir.resolve("log/" + name + ".stderr").toFile());
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        // Where the command finds conf/ (pricing, rules, profiles), as the launcher sets it.
        String home = System.getProperty("keytrail.home");
        if (home != null) pb.environment().put("KEYTRAIL_HOME", home);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Runs the client to completion; returns exit code, stdout and stderr. */
    public Result run(Path cwd, String name, List<String> args, Duration timeout) throws Exception {
        return await(submit(cwd, name, args), name, timeout);
    }

    /** Stops a job with a savepoint into {@code savepoints} ({@code flink stop --savepointPath}); returns the client's output. */
    public Result stopWithSavepoint(Path cwd, String jobId, Path savepoints, boolean drain, Duration timeout) throws Exception {
        List<String> action = new ArrayList<>(List.of("stop", "-m", restAddress(), "--savepointPath", savepoints.toUri().toString()));
        if (drain) action.add("--drain"); // end of event time first: every timer fires, every day closes
        action.add(jobId);
        return await(cli(cwd, "stop-" + jobId, action), "stop-" + jobId, timeout);
    }

    private Result await(Process p, String name, Duration timeout) throws Exception {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in " + timeout + ": " + logs());
        }
        return result(name, p.exitValue());
    }

    public Result result(String name, int code) throws IOException {
        return new Result(code, Files.readString(dir.resolve("log/" + name + ".stdout")), Files.readString(dir.resolve("log/" + name + ".stderr")));
    }

    public record Result(int code, String out, String err) {}

    /** The tail of every log, for failure messages. */
    public String logs() {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir.resolve("log"))) {
            for (Path f : files.sorted().toList()) {
                String s = Files.readString(f);
                b.append("\n--- ").append(f.getFileName()).append('\n').append(s.length() > 3000 ? s.substring(s.length() - 3000) : s);
            }
        } catch (IOException e) {
            b.append(e);
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
