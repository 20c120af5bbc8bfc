package io.keytrail.model;

import java.io.Serializable;

/** An indicator of compromise seen in an incident: attacker IP, user agent, model or request pattern. */
public class Ioc implements Serializable {
    private static final long serialVersionUID = 1L;

    public String iocId;
    public String incidentId;
    public String apiKeyId;
    /** ipv4-addr, ipv6-addr, user-agent, model, request-pattern. */
    public String type;
    public String value;
    public long firstSeenMicros;
    public String profile;

    public Ioc() {}
}
