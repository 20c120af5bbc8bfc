package io.keytrail.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A key lifecycle or access-control event from a provider's audit log (created, updated, deleted, IP allowlist). */
public class KeyEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    public String eventId;
    /** The provider's event type, e.g. api_key.created, ip_allowlist.updated. */
    public String eventType;
    /** The key the event is about (masked when a full secret), null for events about no key. */
    public String apiKeyId;
    /** Event time, epoch microseconds UTC. */
    public long tsMicros;
    /** Who did it: a user's email or id, or api_key:ID. */
    public String actor;
    public String actorIp;
    /** Scopes the key was created or updated with; empty when the event carries none. */
    public List<String> scopes = new ArrayList<>();
    /** The event's type-specific payload as JSON, secrets masked. */
    public String details;
    public String provider;

    public KeyEvent() {}

    @Override
    public String toString() {
        return "KeyEvent{" + eventId + "," + eventType + "," + apiKeyId + "," + tsMicros + "," + actor + "," + actorIp + "," + scopes + "}";
    }
}
