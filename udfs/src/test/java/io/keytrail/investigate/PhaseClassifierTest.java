package io.keytrail.investigate;

import io.keytrail.model.UsageRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhaseClassifierTest {
    @ParameterizedTest(name = "{0}: #{1} {2} in={3} out={4}")
    @CsvSource({
            "seed,0,/v1/files,500,500,reconnaissance",
            "seed,3,/v1/chat/completions,10,10,capability_testing",
            "seed,3,/v1/files,10,10,capability_testing",
            "seed,3,/v1/fine-tuning/jobs,500,500,persistence",
            "seed,3,/v1/fine_tuning/jobs,500,500,exploitation",
            "seed,3,/v1/Batches,500,500,persistence",
            "seed,3,/v1/chat/completions,500,4001,exfiltration",
            "seed,3,/v1/chat/completions,500,4000,exploitation",
            "default,3,/v1/fine_tuning/jobs,500,500,persistence",
            "default,7,ListFoundationModels,0,0,reconnaissance",
            "default,0,DeleteModelInvocationLoggingConfiguration,0,0,defense_evasion",
            "seed,5,DeleteModelInvocationLoggingConfiguration,0,0,capability_testing",
    })
    void phases(String rules, long index, String endpoint, long in, long out, String phase) {
        UsageRecord r = new UsageRecord();
        r.endpoint = endpoint;
        r.model = "gpt-4";
        r.inputTokens = in;
        r.outputTokens = out;
        assertEquals(phase, new PhaseClassifier(rules.equals("seed")).classify(r, index).wire);
    }
}
