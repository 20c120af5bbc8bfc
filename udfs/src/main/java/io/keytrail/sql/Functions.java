package io.keytrail.sql;

import org.apache.flink.table.functions.ScalarFunction;

import java.util.LinkedHashMap;
import java.util.Map;

/** KeyTrail's SQL functions by the name `keytrail sql` registers them under (and the README's CREATE FUNCTION uses). */
public final class Functions {
    private Functions() {
    }

    public static Map<String, Class<? extends ScalarFunction>> all() {
        Map<String, Class<? extends ScalarFunction>> m = new LinkedHashMap<>();
        m.put("cost_usd", CostUsd.class);
        m.put("risk_ord", RiskOrd.class);
        m.put("mask_key", MaskKey.class);
        m.put("key_provider", KeyProvider.class);
        m.put("attack_phase", AttackPhaseOf.class);
        m.put("ip_in_cidr", IpInCidr.class);
        m.put("is_off_hours", IsOffHours.class);
        return m;
    }
}
