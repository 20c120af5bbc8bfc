package io.keytrail.sql;

import io.keytrail.model.Severity;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code risk_ord(level)}: low 0, medium 1, high 2, critical 3, anything else -1 (the seed's _risk_ord). */
public class RiskOrd extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public int eval(String level) {
        return Severity.ord(level);
    }
}
