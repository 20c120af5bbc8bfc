package io.keytrail.investigate;

import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.Severity;
import io.keytrail.util.PyFormat;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The seed's assess_openai_key_scope, generalised to every provider. Capabilities come from the
 * endpoints and operations the key has used; limits and connected systems from {@link OrgSettings}.
 * With seed rules it keeps the seed's details: a spend limit of 0 counts as none, "/files" matches
 * case-sensitively, fine-tuning is "fine_tun" (the timeline's is "fine-tun").
 */
public final class ScopeAssessor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean seedRules;

    public ScopeAssessor(boolean seedRules) {
        this.seedRules = seedRules;
    }

    public ScopeAssessment assess(String apiKeyId, String provider, Collection<String> endpoints, Collection<String> models,
                                  OrgSettings.KeySettings settings) {
        ScopeAssessment s = new ScopeAssessment();
        s.apiKeyId = apiKeyId;
        s.provider = provider == null ? "unknown" : provider;
        String data = "low";
        s.permissions.add("model_access: " + PyFormat.setRepr(new TreeSet<>(models)));
        if (any(endpoints, e -> e.toLowerCase(Locale.ROOT).contains("fine_tun")
                || (!seedRules && (e.toLowerCase(Locale.ROOT).contains("fine-tun") || e.contains("ModelCustomizationJob")
                || e.toLowerCase(Locale.ROOT).contains("tuningjobs"))))) {
            s.permissions.add("fine_tuning");
            s.findings.add("CRITICAL: Key has fine-tuning access. Attacker could create poisoned models in your organization.");
            data = "critical";
        }
        if (any(endpoints, e -> e.contains("/files") || (!seedRules && e.toLowerCase(Locale.ROOT).contains("/files")))) {
            s.permissions.add("file_upload");
            s.findings.add("HIGH: Key has file API access. Attacker could upload training data or access existing uploaded files.");
            data = max(data, "high");
        }
        if (any(endpoints, e -> e.contains("/assistants") || e.contains("/threads"))) {
            s.permissions.add("assistants_api");
            s.connectedServices.add("assistants");
            s.findings.add("HIGH: Key has Assistants API access. Attacker could read existing thread histories containing user data.");
            data = max(data, "high");
        }
        if (!seedRules) {
            if (any(endpoints, e -> e.contains("/batches") || e.contains("CreateModelInvocationJob"))) {
                s.permissions.add("batch_api");
                s.findings.add("MEDIUM: Key can submit batch jobs: large volumes run unattended at your expense.");
                data = max(data, "medium");
            }
            if (any(endpoints, e -> e.contains("/vector_stores"))) {
                s.permissions.add("vector_stores");
                s.connectedServices.add("vector_stores");
                s.findings.add("HIGH: Key can read vector stores, which often hold internal documents.");
                data = max(data, "high");
            }
            if (any(endpoints, e -> e.contains("PutModelInvocationLoggingConfiguration") || e.contains("DeleteModelInvocationLoggingConfiguration"))) {
                s.permissions.add("logging_configuration");
                s.findings.add("HIGH: Key can change invocation logging: an attacker could hide their activity.");
                data = max(data, "high");
            }
            for (String system : settings.connectedSystems) {
                s.connectedServices.add(system);
                s.findings.add("HIGH: Key is wired into " + system + ": data and actions reachable through it are exposed.");
                data = max(data, "high");
            }
        }
        String financial;
        Double limit = settings.monthlySpendLimit;
        boolean hasLimit = limit != null && (seedRules ? limit != 0.0 : true);
        if (hasLimit) {
            financial = limit > 10000 ? "critical" : limit > 1000 ? "high" : limit > 0 || seedRules ? "medium" : "low";
            s.findings.add("Monthly spend limit: $" + PyFormat.number(limit) + ". Attacker could consume up to this amount.");
        } else {
            financial = "critical";
            s.findings.add("WARNING: No monthly spend limit configured. Attacker has unlimited financial exposure.");
        }
        if (!seedRules && !settings.ipAllowlist.isEmpty()) {
            s.findings.add("INFO: An IP allowlist is configured (" + settings.ipAllowlist.size()
                    + " entries): requests from other addresses should be refused.");
        }
        s.dataExposureRisk = data;
        s.financialExposure = financial;
        return s;
    }

    private static String max(String a, String b) {
        return Severity.ord(b) > Severity.ord(a) ? b : a;
    }

    private static boolean any(Collection<String> endpoints, java.util.function.Predicate<String> p) {
        for (String e : endpoints) if (e != null && p.test(e)) return true;
        return false;
    }

    /** The default profile's capability list, for tests and docs. */
    public static List<String> capabilities() {
        return List.of("fine_tuning", "file_upload", "assistants_api", "batch_api", "vector_stores", "logging_configuration");
    }
}
