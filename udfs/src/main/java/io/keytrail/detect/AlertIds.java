package io.keytrail.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** alert_id = hex SHA-256 of profile|api_key_id|day|alert_type|subject: stable across runs and modes. */
public final class AlertIds {
    private AlertIds() {}

    public static String of(String profile, String apiKeyId, String day, String alertType, String subject) {
        return sha256Hex(profile + "|" + apiKeyId + "|" + day + "|" + alertType + "|" + (subject == null ? "" : subject));
    }

    public static String sha256Hex(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(64);
            for (byte x : h) {
                b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
