package io.keytrail.jobs.sqljar;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's {@code CREATE FUNCTION … USING JAR} statements against the cluster jar, in a separate JVM
 * whose classpath is a Flink distribution's jars (the keytrail-flink-cluster module) plus the driver:
 * the functions must load from the jar alone. Expected values are worked out by hand from
 * conf/pricing.json and the functions' documented rules.
 */
class UsingJarIT {
    @Test
    void everyFunctionLoadsFromTheClusterJarAndComputes() throws Exception {
        Path jar = Path.of(System.getProperty("keytrail.cluster.jar"));
        assertTrue(Files.isRegularFile(jar), "the cluster jar is built in package: " + jar);
        String flinkCp = Files.readString(Path.of(System.getProperty("keytrail.flink.classpath"))).trim();
        String driverDir = Path.of(UsingJarDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String key = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(2) + "T3BlbkFJ" + "Zq7rSt0uVw3xYz6aBc9dEf2g".repeat(2);
        String query = "SELECT cost_usd('gpt-4o', 1000, 2000), risk_ord('critical'), mask_key('token=" + key + " end'), "
                + "key_provider('sk-ant-api03-...AbCd'), attack_phase(CAST(100 AS BIGINT), CAST(100 AS BIGINT), '/v1/files', CAST(7 AS BIGINT)), "
                + "ip_in_cidr('10.1.2.3', '10.0.0.0/8'), is_off_hours(TIMESTAMP '2026-02-04 03:00:00', ARRAY[9, 10])";

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", flinkCp + java.io.File.pathSeparator + driverDir, UsingJarDriver.class.getName(),
                jar.toUri().toString(), query));
        Path log = Files.createTempFile("using-jar", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the driver finishes");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        assertFalse(output.contains("io.keytrail.jobs"), "nothing of the test's classpath but the driver was used");
        List<String> rows = output.lines().filter(l -> l.startsWith("ROW ")).toList();
        assertEquals(1, rows.size(), output);
        // gpt-4o in conf/pricing.json: $0.005 per 1k input, $0.015 per 1k output.
        double cost = 1000 / 1000.0 * 0.005 + 2000 / 1000.0 * 0.015;
        String expected = "ROW +I[" + cost + ", 3, token=sk-proj-..." + key.substring(key.length() - 4)
                + " end, anthropic, persistence, true, true]";
        assertEquals(expected, rows.get(0));
        assertFalse(output.contains(key), "the full key never appears");
    }
}
