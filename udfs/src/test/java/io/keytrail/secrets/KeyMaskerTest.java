package io.keytrail.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyMaskerTest {
    private static final KeyMasker MASKER = KeyMasker.defaults();

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String last4(String s) {
        return s.substring(s.length() - 4);
    }

    /** secret, expected display prefix, expected provider. */
    static Stream<Arguments> keyIds() {
        FakeKeys k = new FakeKeys(2024);
        return Stream.of(
                Arguments.of(k.openaiLegacyMarked(), "sk-", "openai"),
                Arguments.of(k.openaiLegacyPlain(), "sk-", "openai"),
                Arguments.of(k.openaiProject(), "sk-proj-", "openai"),
                Arguments.of(k.openaiServiceAccount(), "sk-svcacct-", "openai"),
                Arguments.of(k.openaiAdmin(), "sk-admin-", "openai"),
                Arguments.of(k.anthropic(), "sk-ant-api03-", "anthropic"),
                Arguments.of(k.anthropicAdmin(), "sk-ant-admin01-", "anthropic"),
                Arguments.of(k.google(), "AIza", "google"),
                Arguments.of(k.huggingface(), "hf_", "huggingface"),
                Arguments.of(k.huggingfaceOrg(), "api_org_", "huggingface"),
                Arguments.of(k.groq(), "gsk_", "groq"),
                Arguments.of(k.xai(), "xai-", "xai"),
                Arguments.of(k.deepseek(), "sk-", "deepseek"),
                Arguments.of(k.replicate(), "r8_", "replicate"),
                Arguments.of(k.openrouter(), "sk-or-v1-", "openrouter"),
                Arguments.of(k.perplexity(), "pplx-", "perplexity"),
                Arguments.of(k.awsLongTerm(), "AKIA", "aws"),
                Arguments.of(k.awsTemporary(), "ASIA", "aws"));
    }

    @ParameterizedTest(name = "{2} {1}")
    @MethodSource("keyIds")
    void masksFullSecretKeyId(String secret, String prefix, String provider) throws Exception {
        MaskedKey m = MASKER.maskKeyId(secret);
        assertEquals(prefix + "..." + last4(secret), m.display());
        assertEquals(sha256(secret), m.fingerprint());
        assertEquals(provider, m.provider());
        assertTrue(m.wasSecret());
        // Surrounding whitespace is not part of the key: same display and fingerprint.
        assertEquals(m, MASKER.maskKeyId("  " + secret + "\n"));
    }

    @Test
    void displayFormatExample() throws Exception {
        String secret = "sk-proj-" + new FakeKeys(1).chars(FakeKeys.URLSAFE, 152) + "x9Qa";
        MaskedKey m = MASKER.maskKeyId(secret);
        assertEquals("sk-proj-...x9Qa", m.display());
        assertEquals(64, m.fingerprint().length());
        assertEquals(sha256(secret), m.fingerprint());
        assertEquals(sha256(secret), KeyMasker.sha256Hex(secret));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", KeyMasker.sha256Hex(""));
    }

    @Test
    void notSecretsAreKeptVerbatim() {
        FakeKeys k = new FakeKeys(77);
        Object[][] cases = {
                {"key_abc", null},
                {"apikey_01AbCdEfGh", null},
                {"sk-...1234", "openai"},
                {"sk-abc...def", "openai"},
                {"sk-proj-...x9Qa", "openai"},
                {"sk-ant-...wxyz", "anthropic"},
                {"sk-ant-api03-...1hAA", "anthropic"},
                {"sk-or-v1-...beef", "openrouter"},
                {"AIza...Wxyz", "google"},
                {"AKIA…WXYZ", "aws"},
                {"AKIAIOSFODNN7EXAMPLE", "aws"},
                {"sk-" + "x".repeat(48), "openai"},
                {"abc", null},
                {"//iam.googleapis.com/projects/p1/serviceAccounts/app@p1/keys/0946", null},
                {k.chars(FakeKeys.HEX, 64), null},   // LiteLLM hashed token
                {k.azure(), null},                   // 32 hex alone: not known to be a key
                {k.cohere(), null},                  // 40 alnum alone: not known to be a key
                {"hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "huggingface"},
        };
        for (Object[] c : cases) {
            String id = (String) c[0];
            MaskedKey m = MASKER.maskKeyId(id);
            assertSame(id, m.display(), id);
            assertNull(m.fingerprint(), id);
            assertEquals(c[1], m.provider(), id);
            assertFalse(m.wasSecret());
        }
        assertEquals(new MaskedKey("  ", null, null), MASKER.maskKeyId("  "));
        assertEquals(new MaskedKey(null, null, null), MASKER.maskKeyId(null));
    }

    @Test
    void keyIdContainingOneSecretIsThatSecret() throws Exception {
        String key = new FakeKeys(8).openaiProject();
        MaskedKey m = MASKER.maskKeyId("Bearer " + key);
        assertEquals(MASKER.maskKeyId(key), m);
        assertEquals(sha256(key), m.fingerprint());
    }

    @Test
    void keyIdContainingTwoSecretsIsMaskedText() {
        FakeKeys k = new FakeKeys(8);
        String a = k.anthropic();
        String g = k.google();
        MaskedKey m = MASKER.maskKeyId(a + "," + g);
        assertEquals("sk-ant-api03-..." + last4(a) + ",AIza..." + last4(g), m.display());
        assertNull(m.fingerprint());
        assertNull(m.provider());
    }

    @Test
    void maskTextReplacesKeysOfTwoProviders() {
        FakeKeys k = new FakeKeys(99);
        String openai = k.openaiProject();
        String anthropic = k.anthropic();
        String text = "POST /v1/chat/completions Authorization: Bearer " + openai
                + " fallback x-api-key=" + anthropic + " ua=python-httpx/0.27";
        String masked = MASKER.maskText(text);
        assertEquals("POST /v1/chat/completions Authorization: Bearer sk-proj-..." + last4(openai)
                + " fallback x-api-key=sk-ant-api03-..." + last4(anthropic) + " ua=python-httpx/0.27", masked);
        assertFalse(masked.contains(openai));
        assertFalse(masked.contains(anthropic));
        // Masking is idempotent: a masked text holds no secret any more.
        assertSame(masked, MASKER.maskText(masked));
    }

    @Test
    void maskTextWithContextRules() {
        FakeKeys k = new FakeKeys(31);
        String azure = k.azure();
        String cohere = k.cohere();
        String text = "AZURE_OPENAI_API_KEY=" + azure + " COHERE_API_KEY=" + cohere;
        assertEquals("AZURE_OPENAI_API_KEY=..." + last4(azure) + " COHERE_API_KEY=..." + last4(cohere),
                MASKER.maskText(text));
    }

    @Test
    void maskTextReturnsSameInstanceWhenNothingFound() {
        for (String t : List.of("python-requests/2.31.0", "/v1/chat/completions", "task-runner sk- asia-east1 AKIA",
                "gpt-4o-2024-08-06", "", "sk-...1234")) {
            assertSame(t, MASKER.maskText(t), t);
        }
        assertNull(MASKER.maskText(null));
    }

    @Test
    void toStringsNeverCarryTheSecret() {
        FakeKeys k = new FakeKeys(123);
        List<String> secrets = List.of(k.openaiProject(), k.anthropic(), k.google(), k.awsLongTerm(), k.deepseek(), k.groq());
        for (String secret : secrets) {
            String body = secret.substring(secret.length() - 12); // any 12-char piece would be too much
            MaskedKey m = MASKER.maskKeyId(secret);
            assertNotNull(m.fingerprint());
            assertFalse(m.toString().contains(body), m.toString());
            assertFalse(m.display().contains(body));
            SecretFinding f = MASKER.scanner().matchWhole(secret);
            assertFalse(f.toString().contains(body), f.toString());
            assertFalse(f.toString().contains(secret));
            for (SecretFinding g : MASKER.scanner().find("key=" + secret)) {
                assertFalse(g.toString().contains(body), g.toString());
            }
        }
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(MASKER);
        }
        KeyMasker copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (KeyMasker) in.readObject();
        }
        FakeKeys k = new FakeKeys(4);
        String key = k.openaiProject();
        assertEquals(MASKER.maskKeyId(key), copy.maskKeyId(key));
        String text = "AZURE_OPENAI_API_KEY=" + k.azure() + " key=" + k.google();
        assertEquals(MASKER.maskText(text), copy.maskText(text));
        assertEquals(MASKER.scanner().rules().rules(), copy.scanner().rules().rules());
    }
}
