package io.keytrail.sql;

import io.keytrail.investigate.PhaseClassifier;
import io.keytrail.model.UsageRecord;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code attack_phase(input_tokens, output_tokens, endpoint, seq)}: the seed's phase of an attacker's
 * request ({@link PhaseClassifier} with seed rules): {@code seq} is the 0-based position in the
 * timeline (the first three are reconnaissance), then capability_testing, persistence, exfiltration,
 * exploitation. NULL when a token count or seq is NULL.
 */
public class AttackPhaseOf extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    private static final PhaseClassifier SEED = new PhaseClassifier(true);

    public String eval(Long inputTokens, Long outputTokens, String endpoint, Long seq) {
        if (inputTokens == null || outputTokens == null || seq == null) return null;
        UsageRecord r = new UsageRecord();
        r.inputTokens = inputTokens;
        r.outputTokens = outputTokens;
        r.endpoint = endpoint == null ? "" : endpoint;
        return SEED.classify(r, seq).wire;
    }
}
