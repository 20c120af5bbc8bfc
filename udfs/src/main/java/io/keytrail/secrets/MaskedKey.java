package io.keytrail.secrets;

/**
 * A key id as KeyTrail may store and show it.
 *
 * @param display     the masked form (provider prefix + "..." + last 4) of a full secret, else the id verbatim
 * @param fingerprint lower-case hex SHA-256 of the full secret, or null when the value held no secret
 * @param provider    provider of the matching rule, or guessed from a well-known prefix, or null
 */
public record MaskedKey(String display, String fingerprint, String provider) {

    /** True when the original value was (or contained) a full secret. */
    public boolean wasSecret() {
        return fingerprint != null;
    }
}
