package io.keytrail.secrets;

import java.util.Random;

/**
 * Random keys of the documented shapes, from a seeded Random: realistic enough for the rules,
 * never a real key, and the same on every run.
 */
public final class FakeKeys {
    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String URLSAFE = ALNUM + "_-";
    static final String WORD = ALNUM + "_";
    static final String HEX = "0123456789abcdef";
    static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static final String OPENAI_MARKER = "T3BlbkFJ";

    private final Random rnd;

    public FakeKeys(long seed) {
        rnd = new Random(seed);
    }

    public String chars(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return b.toString();
    }

    public String openaiLegacyMarked() { return "sk-" + chars(ALNUM, 20) + OPENAI_MARKER + chars(ALNUM, 20); }
    public String openaiLegacyPlain() { return "sk-" + chars(ALNUM, 48); }
    public String openaiProject() { return "sk-proj-" + chars(URLSAFE, 74) + OPENAI_MARKER + chars(URLSAFE, 74); }
    public String openaiServiceAccount() { return "sk-svcacct-" + chars(URLSAFE, 58) + OPENAI_MARKER + chars(URLSAFE, 58); }
    public String openaiAdmin() { return "sk-admin-" + chars(URLSAFE, 58) + OPENAI_MARKER + chars(URLSAFE, 58); }
    public String anthropic() { return "sk-ant-api03-" + chars(URLSAFE, 93) + "AA"; }
    public String anthropicAdmin() { return "sk-ant-admin01-" + chars(URLSAFE, 93) + "AA"; }
    public String google() { return "AIza" + chars(URLSAFE, 35); }
    public String azure() { return chars(HEX, 32); }
    public String huggingface() { return "hf_" + chars(ALNUM, 34); }
    public String huggingfaceOrg() { return "api_org_" + chars(ALNUM, 34); }
    public String groq() { return "gsk_" + chars(ALNUM, 52); }
    public String xai() { return "xai-" + chars(WORD, 80); }
    public String deepseek() { return "sk-" + chars(LOWER_ALNUM, 32); }
    public String replicate() { return "r8_" + chars(URLSAFE, 37); }
    public String openrouter() { return "sk-or-v1-" + chars(HEX, 64); }
    public String perplexity() { return "pplx-" + chars(ALNUM, 48); }
    public String cohere() { return chars(ALNUM, 40); }
    public String awsLongTerm() { return "AKIA" + chars(BASE32, 16); }
    public String awsTemporary() { return "ASIA" + chars(BASE32, 16); }
}
