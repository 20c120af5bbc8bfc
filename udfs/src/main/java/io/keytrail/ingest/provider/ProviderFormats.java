package io.keytrail.ingest.provider;

import io.keytrail.ingest.UsageNormalizer;

import java.util.List;
import java.util.function.Function;

/** The provider formats by --format name. "canonical" is not here: it is read by UsageFileFormat. */
public final class ProviderFormats {
    private ProviderFormats() {}

    public static final String CANONICAL = "canonical";

    private static final List<Function<UsageNormalizer, ProviderParser>> ALL = List.of(
            OpenAiUsageParser::new, AnthropicUsageParser::new, AzureDiagnosticsParser::new, VertexAuditParser::new,
            BedrockCloudTrailParser::new, BedrockInvocationParser::new, LiteLlmParser::new, OpenAiCostsParser::new, AnthropicCostParser::new, OpenAiAuditParser::new);

    /** Every --format name, canonical first. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(List.of(CANONICAL));
        UsageNormalizer probe = new UsageNormalizer(null);
        for (Function<UsageNormalizer, ProviderParser> f : ALL) names.add(f.apply(probe).format());
        return names;
    }

    /** The parser for a format name, or null when unknown (or canonical). */
    public static ProviderParser create(String format, UsageNormalizer normalizer) {
        for (Function<UsageNormalizer, ProviderParser> f : ALL) {
            ProviderParser p = f.apply(normalizer);
            if (p.format().equals(format)) return p;
        }
        return null;
    }
}
