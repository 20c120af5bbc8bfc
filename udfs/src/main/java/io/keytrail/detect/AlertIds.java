package io.keytrail.detect;

/** alert_id = hex SHA-256 of profile|api_key_id|day|alert_type|subject: stable across runs and modes. */
public final class AlertIds {
    private AlertIds() {}

    public static String of(String profile, String apiKeyId, String day, String alertType, String subject) {
        return sha256Hex(profile + "|" + apiKeyId + "|" + day + "|" + alertType + "|" + (subject == null ? "" : subject));
    }

    public static String sha256Hex(String s) {
        return io.keytrail.secrets.KeyMasker.sha256Hex(s);
    }
}
