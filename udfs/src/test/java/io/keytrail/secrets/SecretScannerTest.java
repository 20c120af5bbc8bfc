package io.keytrail.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretScannerTest {
    private static final SecretScanner SCANNER = new SecretScanner(SecretRules.defaults());

    /** rule id, secret, surrounding text with %s where the secret goes. */
    static Stream<Arguments> truePositives() {
        FakeKeys k = new FakeKeys(42);
        return Stream.of(
                Arguments.of("openai-legacy", k.openaiLegacyMarked(), "OPENAI_API_KEY=%s"),
                Arguments.of("openai-legacy", k.openaiLegacyPlain(), "Authorization: Bearer %s"),
                Arguments.of("openai-legacy", k.openaiLegacyMarked(), "%s"),
                Arguments.of("openai-project", k.openaiProject(), "{\"api_key\":\"%s\"}"),
                Arguments.of("openai-project", k.openaiProject(), "curl -H 'Authorization: Bearer %s' https://api.openai.com/v1/models"),
                Arguments.of("openai-service-account", k.openaiServiceAccount(), "key=%s;"),
                Arguments.of("openai-admin", k.openaiAdmin(), "admin key %s\n"),
                Arguments.of("anthropic-api-key", k.anthropic(), "x-api-key: %s"),
                Arguments.of("anthropic-api-key", k.anthropic(), "ANTHROPIC_API_KEY=\"%s\""),
                Arguments.of("anthropic-admin-key", k.anthropicAdmin(), "x-api-key: %s"),
                Arguments.of("google-api-key", k.google(), "GET /v1beta/models/gemini-2.0-flash:generateContent?key=%s HTTP/1.1"),
                Arguments.of("google-api-key", k.google(), "apiKey: '%s'"),
                Arguments.of("azure-openai-key", k.azure(), "AZURE_OPENAI_API_KEY=%s"),
                Arguments.of("azure-openai-key", k.azure(), "POST https://contoso-eu.openai.azure.com/openai/deployments/gpt-4o/chat/completions api-key: %s"),
                Arguments.of("azure-openai-key", k.azure(), "azure key %s"),
                Arguments.of("azure-openai-key", k.azure().toUpperCase(Locale.ROOT), "api-key=%s endpoint=https://res1.openai.azure.com/"),
                Arguments.of("huggingface-token", k.huggingface(), "HF_TOKEN=%s"),
                Arguments.of("huggingface-token", k.huggingface(), "huggingface-cli login --token %s"),
                Arguments.of("huggingface-org-token", k.huggingfaceOrg(), "token: %s"),
                Arguments.of("groq-api-key", k.groq(), "GROQ_API_KEY=%s"),
                Arguments.of("xai-api-key", k.xai(), "XAI_API_KEY=%s"),
                Arguments.of("deepseek-api-key", k.deepseek(), "DEEPSEEK_API_KEY=%s"),
                Arguments.of("deepseek-api-key", k.deepseek(), "%s # deepseek"),
                Arguments.of("replicate-api-token", k.replicate(), "REPLICATE_API_TOKEN=%s"),
                Arguments.of("openrouter-api-key", k.openrouter(), "Authorization: Bearer %s"),
                Arguments.of("perplexity-api-key", k.perplexity(), "PPLX_KEY=%s"),
                Arguments.of("cohere-api-key", k.cohere(), "COHERE_API_KEY=%s"),
                Arguments.of("cohere-api-key", k.cohere(), "CO_API_KEY: \"%s\""),
                Arguments.of("cohere-api-key", k.cohere(), "client = cohere.Client('%s')"),
                Arguments.of("aws-access-key-id", k.awsLongTerm(), "{\"userIdentity\":{\"accessKeyId\":\"%s\"}}"),
                Arguments.of("aws-access-key-id", k.awsTemporary(), "aws_access_key_id = %s"));
    }

    @ParameterizedTest(name = "{0} in \"{2}\"")
    @MethodSource("truePositives")
    void findsKey(String ruleId, String secret, String template) {
        String text = String.format(template, secret);
        List<SecretFinding> found = SCANNER.find(text);
        assertEquals(1, found.size(), () -> ruleId + " expected one finding, got " + found);
        SecretFinding f = found.get(0);
        assertEquals(ruleId, f.ruleId());
        assertEquals(secret, f.secret());
        assertEquals(text.indexOf(secret), f.start());
        assertEquals(secret, text.substring(f.start(), f.end()));
        assertEquals(SecretRules.defaults().rule(ruleId).provider(), f.provider());
    }

    /** rule the case is about, text that must yield no finding. */
    static Stream<Arguments> falsePositives() {
        FakeKeys k = new FakeKeys(7);
        String hex32 = k.azure();
        return Stream.of(
                Arguments.of("openai-legacy", "sk-" + k.chars(FakeKeys.ALNUM, 47)),
                Arguments.of("openai-legacy", "sk-" + k.chars(FakeKeys.ALNUM, 49)),
                Arguments.of("openai-legacy", "task-" + k.chars(FakeKeys.ALNUM, 48)),
                Arguments.of("openai-legacy", k.openaiLegacyMarked() + "_suffix"),
                Arguments.of("openai-legacy", "sk-...a1B2"),
                Arguments.of("openai-project", "sk-proj-" + k.chars(FakeKeys.URLSAFE, 30)),
                Arguments.of("openai-project", "redacted_value: sk-proj-abc...wxyz"),
                Arguments.of("openai-service-account", "sk-svcacct-" + k.chars(FakeKeys.URLSAFE, 12)),
                Arguments.of("openai-admin", "sk-admin-...Zz9q"),
                Arguments.of("anthropic-api-key", "sk-ant-api03-" + k.chars(FakeKeys.URLSAFE, 93) + "BB"),
                Arguments.of("anthropic-api-key", "sk-ant-api03-" + k.chars(FakeKeys.URLSAFE, 92) + "AA"),
                Arguments.of("anthropic-api-key", "sk-ant-api02-" + k.chars(FakeKeys.URLSAFE, 93) + "AA"),
                Arguments.of("anthropic-admin-key", "sk-ant-admin01-" + k.chars(FakeKeys.URLSAFE, 40)),
                Arguments.of("google-api-key", "AIZA" + k.chars(FakeKeys.BASE32, 35)),
                Arguments.of("google-api-key", "AIza" + k.chars(FakeKeys.URLSAFE, 34)),
                Arguments.of("google-api-key", "prefixAIza" + k.chars(FakeKeys.URLSAFE, 35)),
                Arguments.of("google-api-key", "AIza" + k.chars(FakeKeys.URLSAFE, 35) + "abcd123"),
                Arguments.of("azure-openai-key", "md5=" + hex32),
                Arguments.of("azure-openai-key", "region=azure-westeurope request_id=" + hex32),
                Arguments.of("azure-openai-key", "api-key: " + hex32 + " (no provider word anywhere)"),
                Arguments.of("azure-openai-key", "AZURE_OPENAI_API_KEY is set." + " ".repeat(120) + "trace=" + hex32),
                Arguments.of("azure-openai-key", "AZURE_OPENAI_API_KEY=" + hex32 + "0"),
                Arguments.of("huggingface-token", "hf_" + k.chars(FakeKeys.ALNUM, 33)),
                Arguments.of("huggingface-token", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                Arguments.of("huggingface-token", "[self _hf_" + k.chars(FakeKeys.ALNUM, 34) + "]"),
                Arguments.of("huggingface-org-token", "api_org_" + k.chars(FakeKeys.ALNUM, 20)),
                Arguments.of("groq-api-key", "gsk_" + k.chars(FakeKeys.ALNUM, 51)),
                Arguments.of("groq-api-key", "model=llama-3.3-70b-versatile provider=groq"),
                Arguments.of("xai-api-key", "xai-" + k.chars(FakeKeys.WORD, 79)),
                Arguments.of("deepseek-api-key", "OPENAI_API_KEY=" + k.deepseek()),
                Arguments.of("deepseek-api-key", "DEEPSEEK_API_KEY=sk-" + k.chars(FakeKeys.ALNUM.substring(0, 26), 32)),
                Arguments.of("replicate-api-token", "r8_" + k.chars(FakeKeys.ALNUM, 36)),
                Arguments.of("openrouter-api-key", "sk-or-v1-" + k.chars(FakeKeys.HEX, 63)),
                Arguments.of("openrouter-api-key", "sk-or-v1-" + k.chars(FakeKeys.HEX, 64).toUpperCase(Locale.ROOT)),
                Arguments.of("perplexity-api-key", "pplx-" + k.chars(FakeKeys.ALNUM, 47)),
                Arguments.of("cohere-api-key", "token=" + k.cohere()),
                Arguments.of("cohere-api-key", "COHERE_API_KEY=" + k.chars(FakeKeys.HEX, 40)),
                Arguments.of("aws-access-key-id", "AKIA" + k.chars(FakeKeys.BASE32, 15)),
                Arguments.of("aws-access-key-id", "akia" + k.chars(FakeKeys.BASE32, 16).toLowerCase(Locale.ROOT)),
                Arguments.of("aws-access-key-id", "AKIA" + k.chars(FakeKeys.BASE32, 16) + "Q"),
                Arguments.of("aws-access-key-id", "endpoint=asia-northeast1-aiplatform.googleapis.com"));
    }

    @ParameterizedTest(name = "{0}: no finding in \"{1}\"")
    @MethodSource("falsePositives")
    void ignoresNonKey(String ruleId, String text) {
        assertEquals(List.of(), SCANNER.find(text), ruleId);
    }

    @Test
    void everyRuleHasATruePositiveCase() {
        List<String> covered = truePositives().map(a -> (String) a.get()[0]).distinct().toList();
        for (SecretRule r : SecretRules.defaults().rules()) {
            assertTrue(covered.contains(r.id()), "no true-positive case for " + r.id());
        }
        List<String> negative = falsePositives().map(a -> (String) a.get()[0]).distinct().toList();
        for (SecretRule r : SecretRules.defaults().rules()) {
            assertTrue(negative.contains(r.id()), "no false-positive case for " + r.id());
        }
    }

    @Test
    void placeholdersAreNeverReported() {
        List<String> texts = List.of(
                "OPENAI_API_KEY=sk-" + "x".repeat(48),
                "sk-" + "x".repeat(20) + FakeKeys.OPENAI_MARKER + "x".repeat(20),
                "OPENAI_API_KEY=sk-proj-your_api_key_goes_here_replace_with_real_value",
                "sk-proj-YOUR-API-KEY-" + "q7Rz".repeat(10),
                "x-api-key: sk-ant-api03-" + "X".repeat(93) + "AA",
                "HF_TOKEN=hf_" + "a".repeat(34),
                "aws_access_key_id=AKIAIOSFODNN7EXAMPLE",
                "ASIAIOSFODNN7EXAMPLE",
                "key=AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
                "gsk_" + "1234567890".repeat(5) + "ab",
                "pplx-your-api-key-here",
                "COHERE_API_KEY=yourcohereapikey" + "abcdefghijklmnopqrstuvwx");
        // Placeholders are dropped whatever their entropy: check with the entropy floor off too.
        SecretScanner noFloor = new SecretScanner(withoutEntropyFloor());
        for (String t : texts) {
            assertEquals(List.of(), SCANNER.find(t), t);
            assertEquals(List.of(), noFloor.find(t), t);
        }
        // Every documented sample key in the file, wherever it sits.
        for (String sample : SecretRules.defaults().placeholders().exact()) {
            assertEquals(List.of(), noFloor.find("key=" + sample), "sample key reported");
        }
    }

    @Test
    void lowEntropyRejectedButShapeMatches() throws Exception {
        // Same shapes, few distinct chars, no placeholder pattern: only the entropy floor stops them.
        List<String> lowEntropy = List.of(
                "sk-" + "q7Rz".repeat(12),
                "AIza" + "Sy1_Bq9-".repeat(4) + "Sy1",
                "gsk_" + "Wq3P".repeat(13),
                "pplx-" + "Lm4N".repeat(12),
                "AZURE_OPENAI_API_KEY=" + "0f".repeat(16));
        SecretScanner noFloor = new SecretScanner(withoutEntropyFloor());
        for (String t : lowEntropy) {
            assertEquals(List.of(), SCANNER.find(t), t);
            assertEquals(1, noFloor.find(t).size(), "shape should match without the floor: " + t);
        }
    }

    /** The default rules with every entropy_min set to 0. */
    static SecretRules withoutEntropyFloor() {
        SecretRules d = SecretRules.defaults();
        List<SecretRule> rules = d.rules().stream().map(r -> new SecretRule(r.id(), r.provider(), r.regex(), r.keywords(),
                0.0, null, 0, r.contextRegex(), r.contextWindow(), r.standalone())).toList();
        return new SecretRules(rules, d.placeholders(), d.providerHints());
    }

    @Test
    void azureNeedsContextWithinWindow() {
        String key = new FakeKeys(3).azure();
        assertEquals(1, SCANNER.find("AZURE_OPENAI_KEY=" + key).size());
        // Context after the key counts too.
        assertEquals(1, SCANNER.find(key + " <- api-key for https://westus-1.openai.azure.com").size());
        // Keyword present but context too far away (window is 100 chars).
        assertEquals(List.of(), SCANNER.find("AZURE_OPENAI_KEY" + ".".repeat(101) + "=" + key));
        assertEquals(1, SCANNER.find("AZURE_OPENAI_KEY" + ".".repeat(80) + "=" + key).size());
        // An azure word without a key-ish name next to the hex is not enough.
        assertEquals(List.of(), SCANNER.find("azure blob etag " + key));
        // A bare 32-hex value is never a key on its own (MD5, dashless UUID).
        assertEquals(null, SCANNER.matchWhole(key));
    }

    @Test
    void twoProvidersInOneText() {
        FakeKeys k = new FakeKeys(11);
        String g = k.google();
        String a = k.anthropic();
        String aws = k.awsLongTerm();
        String text = "GET /v1/models?key=" + g + " x-api-key=" + a + " by " + aws;
        List<SecretFinding> found = SCANNER.find(text);
        assertEquals(List.of("google-api-key", "anthropic-api-key", "aws-access-key-id"),
                found.stream().map(SecretFinding::ruleId).toList());
        assertEquals(List.of(g, a, aws), found.stream().map(SecretFinding::secret).toList());
    }

    @Test
    void overlappingMatchesKeepTheLongest() throws Exception {
        // Two rules that both match the same span: the longer one wins, no double masking.
        SecretRules d = SecretRules.defaults();
        SecretRule broad = new SecretRule("any-sk", "test", "(?<secret>sk-[A-Za-z0-9]{10})", List.of("sk-"), 0.0,
                "sk-", 0, null, 0, true);
        SecretRules both = new SecretRules(List.of(broad, d.rule("openai-legacy")), d.placeholders(), d.providerHints());
        String key = new FakeKeys(5).openaiLegacyPlain();
        List<SecretFinding> found = new SecretScanner(both).find("k=" + key);
        assertEquals(1, found.size());
        assertEquals("openai-legacy", found.get(0).ruleId());
    }

    @Test
    void noKeywordIsACheapEmptyResult() {
        assertSame(List.of(), SCANNER.find("Mozilla/5.0 (X11; Linux x86_64) python-requests/2.31"));
        assertSame(List.of(), SCANNER.find(""));
        assertSame(List.of(), SCANNER.find(null));
        assertTrue(SCANNER.find("k").isEmpty());
    }

    @Test
    void keywordsAreCaseInsensitive() {
        String key = new FakeKeys(9).cohere();
        assertEquals(1, SCANNER.find("CoHeRe_Key=" + key).size());
        String aws = new FakeKeys(9).awsLongTerm();
        assertFalse(SCANNER.find("id " + aws).isEmpty());
    }

    @Test
    void wholeValueMatching() {
        FakeKeys k = new FakeKeys(13);
        String ds = k.deepseek();
        SecretFinding f = SCANNER.matchWhole(ds);
        assertEquals("deepseek-api-key", f.ruleId());
        assertEquals(null, SCANNER.matchWhole(k.cohere()));
        assertEquals(null, SCANNER.matchWhole("Bearer " + k.openaiProject()));
        assertEquals(null, SCANNER.matchWhole("key_abc"));
        assertEquals(null, SCANNER.matchWhole("AKIAIOSFODNN7EXAMPLE"));
        assertEquals("aws-access-key-id", SCANNER.matchWhole(k.awsTemporary()).ruleId());
    }
}
