package io.keytrail.jobs.sqljar;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run in a JVM whose classpath has Flink's own jars and this class only, as on a cluster: registers
 * KeyTrail's functions with {@code CREATE FUNCTION … USING JAR} the way the README shows, calls each
 * once and prints the row. Uses nothing of KeyTrail's, so the functions can only come from the jar.
 */
public final class UsingJarDriver {
    static final String[][] FUNCTIONS = {
            {"cost_usd", "io.keytrail.sql.CostUsd"}, {"risk_ord", "io.keytrail.sql.RiskOrd"},
            {"mask_key", "io.keytrail.sql.MaskKey"}, {"key_provider", "io.keytrail.sql.KeyProvider"},
            {"attack_phase", "io.keytrail.sql.AttackPhaseOf"}, {"ip_in_cidr", "io.keytrail.sql.IpInCidr"},
            {"is_off_hours", "io.keytrail.sql.IsOffHours"}};

    private UsingJarDriver() {}

    /** args: the jar's URI, then the query. */
    public static void main(String[] args) throws Exception {
        TableEnvironment tenv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        for (String[] f : FUNCTIONS) {
            tenv.executeSql("CREATE FUNCTION " + f[0] + " AS '" + f[1] + "' USING JAR '" + args[0] + "'");
        }
        try (CloseableIterator<Row> rows = tenv.executeSql(args[1]).collect()) {
            while (rows.hasNext()) System.out.println("ROW " + rows.next());
        }
    }
}
