package io.keytrail.secrets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRulesTest {

    @Test
    void defaultsLoadFromClasspath() {
        SecretRules d = SecretRules.defaults();
        assertSame(d, SecretRules.defaults());
        assertTrue(d.rules().size() >= 17, "rules: " + d.rules().size());
        Set<String> providers = new HashSet<>();
        for (SecretRule r : d.rules()) {
            providers.add(r.provider());
            assertFalse(r.keywords().isEmpty(), r.id());
            for (String kw : r.keywords()) assertEquals(kw.toLowerCase(), kw, r.id());
            assertTrue(r.regex().contains("(?<secret>"), r.id());
        }
        assertTrue(providers.containsAll(List.of("openai", "anthropic", "google", "azure", "huggingface", "groq", "xai",
                "deepseek", "replicate", "openrouter", "perplexity", "cohere", "aws")), providers.toString());
        assertTrue(d.placeholders().exact().contains("AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void loadFromPathMatchesBundledCopy() throws IOException {
        Path conf = Path.of("conf", "secret-rules.json");
        if (!Files.exists(conf)) conf = Path.of("..", "conf", "secret-rules.json");
        SecretRules fromFile = SecretRules.load(conf);
        assertEquals(SecretRules.defaults().rules(), fromFile.rules());
        assertEquals(SecretRules.defaults().placeholders().patterns(), fromFile.placeholders().patterns());
    }

    @Test
    void providerHintsUseLongestPrefix() {
        SecretRules d = SecretRules.defaults();
        assertEquals("anthropic", d.guessProvider("sk-ant-...abcd"));
        assertEquals("openai", d.guessProvider("sk-...abcd"));
        assertEquals("openrouter", d.guessProvider("sk-or-v1-...abcd"));
        assertEquals("google", d.guessProvider("AIza...abcd"));
        assertNull(d.guessProvider("key_abc"));
        assertNull(d.guessProvider("ask-me"));
    }

    @Test
    void ruleDetails() {
        SecretRules d = SecretRules.defaults();
        SecretRule azure = d.rule("azure-openai-key");
        assertFalse(azure.standalone());
        assertEquals(100, azure.contextWindow());
        assertEquals("", azure.displayPrefixOf("0123456789abcdef0123456789abcdef"));
        assertEquals("AKIA", d.rule("aws-access-key-id").displayPrefixOf("AKIA2345672345672345"));
        assertEquals("sk-proj-", d.rule("openai-project").displayPrefixOf("sk-proj-" + "a1".repeat(40)));
        // A prefix that does not start the secret is not shown.
        assertEquals("", d.rule("openai-project").displayPrefixOf("zz-" + "a1".repeat(40)));
        assertNull(d.rule("no-such-rule"));
    }

    private static String oneRule(String ruleBody) {
        return "{\"rules\":[{" + ruleBody + "}]}";
    }

    @Test
    void badFilesAreRejectedWithTheirLocation() {
        String ok = "\"id\":\"r1\",\"provider\":\"p\",\"regex\":\"(?<secret>ab[0-9]{4})\",\"keywords\":[\"ab\"]";
        assertTrue(assertDoesNotThrowRules(oneRule(ok)));
        IOException e = assertThrows(IOException.class, () -> SecretRules.fromJson(oneRule(ok + ",\"entropy_mim\":3")));
        assertTrue(e.getMessage().contains("entropy_mim"), e.getMessage());
        e = assertThrows(IOException.class, () -> SecretRules.fromJson(oneRule(ok.replace("(?<secret>", "("))));
        assertTrue(e.getMessage().contains("(?<secret>"), e.getMessage());
        e = assertThrows(IOException.class, () -> SecretRules.fromJson(oneRule(ok.replace("{4}", "{4"))));
        assertTrue(e.getMessage().contains("r1"), e.getMessage());
        e = assertThrows(IOException.class, () -> SecretRules.fromJson(oneRule(ok.replace("[\"ab\"]", "[]"))));
        assertTrue(e.getMessage().contains("keyword"), e.getMessage());
        assertThrows(IOException.class, () -> SecretRules.fromJson(oneRule(ok.replace("\"provider\":\"p\",", ""))));
        assertThrows(IOException.class, () -> SecretRules.fromJson("{\"rules\":[{" + ok + "},{" + ok + "}]}"));
        assertThrows(IOException.class, () -> SecretRules.fromJson("{\"rules\":[]}"));
        assertThrows(IOException.class, () -> SecretRules.fromJson(
                "{\"rules\":[{" + ok + "}],\"placeholders\":{\"patterns\":[\"(\"]}}"));
        // Comment fields are allowed anywhere.
        assertTrue(assertDoesNotThrowRules("{\"_doc\":\"x\",\"rules\":[{\"_note\":\"y\"," + ok + "}]}"));
    }

    private static boolean assertDoesNotThrowRules(String json) {
        try {
            return SecretRules.fromJson(json).rules().size() == 1;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
