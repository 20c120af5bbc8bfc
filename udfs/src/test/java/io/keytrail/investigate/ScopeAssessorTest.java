package io.keytrail.investigate;

import io.keytrail.model.ScopeAssessment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scope rules as a table: endpoints used and settings → capabilities and risks, per rule set. */
class ScopeAssessorTest {
    @ParameterizedTest(name = "{0} {1} limit={2} systems={3}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // rules ; endpoints ; limit ; connected systems ; expected capabilities ; data risk ; financial risk
            "seed;/v1/chat/completions;-;-;;low;critical",
            "seed;/v1/fine_tuning/jobs;-;-;fine_tuning;critical;critical",
            "seed;/v1/fine-tuning/jobs;-;-;;low;critical",           // the seed's scope looks for fine_tun only
            "default;/v1/fine-tuning/jobs;-;-;fine_tuning;critical;critical",
            "seed;/v1/Files;-;-;;low;critical",                      // the seed's /files match is case-sensitive
            "default;/v1/Files;-;-;file_upload;high;critical",
            "seed;/v1/files|/v1/threads/t1/runs;-;-;file_upload,assistants_api;high;critical",
            "seed;/v1/chat/completions;0;-;;low;critical",           // a limit of 0 counts as none in the seed
            "default;/v1/chat/completions;0;-;;low;low",
            "seed;/v1/chat/completions;20000;-;;low;critical",
            "seed;/v1/chat/completions;5000;-;;low;high",
            "seed;/v1/chat/completions;500;-;;low;medium",
            "default;/v1/batches|PutModelInvocationLoggingConfiguration;500;-;batch_api,logging_configuration;high;medium",
            "default;/v1/chat/completions;-;vector_store: docs;;high;critical",
            "seed;/v1/chat/completions;-;vector_store: docs;;low;critical",
    })
    void rules(String rules, String endpoints, Double limit, String systems, String caps, String data, String financial) {
        OrgSettings.KeySettings s = new OrgSettings.KeySettings();
        s.monthlySpendLimit = limit;
        if (systems != null) s.connectedSystems = List.of(systems);
        ScopeAssessment a = new ScopeAssessor(rules.equals("seed"))
                .assess("key_a", "openai", Arrays.asList(endpoints.split("\\|")), List.of("gpt-4o"), s);
        List<String> expectedCaps = caps == null ? List.of() : Arrays.asList(caps.split(","));
        assertEquals("model_access: {'gpt-4o'}", a.permissions.get(0));
        assertEquals(expectedCaps, a.permissions.subList(1, a.permissions.size()));
        assertEquals(data, a.dataExposureRisk);
        assertEquals(financial, a.financialExposure);
        if (systems != null && rules.equals("default")) assertEquals(List.of(systems), a.connectedServices);
    }
}
