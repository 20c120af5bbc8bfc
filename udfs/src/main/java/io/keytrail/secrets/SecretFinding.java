package io.keytrail.secrets;

/**
 * One full secret found in a text: {@code text.subSequence(start, end)} equals {@link #secret()}.
 *
 * <p>The secret lives only in memory; {@link #toString()} omits it so a finding can be logged.
 */
public record SecretFinding(String ruleId, String provider, int start, int end, String secret) {

    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return "SecretFinding[ruleId=" + ruleId + ", provider=" + provider + ", start=" + start + ", end=" + end
                + ", secret=<" + (secret == null ? 0 : secret.length()) + " chars>]";
    }
}
