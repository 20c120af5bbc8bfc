package io.keytrail.model;

import java.io.Serializable;

/** One revision of an alert. The row with the highest revision for an alert_id is the alert. */
public class Alert implements Serializable {
    private static final long serialVersionUID = 1L;

    public String alertId;
    public int revision;
    public String apiKeyId;
    public String apiKeyFingerprint;
    public String provider;
    public String alertType;
    public String subject = "";
    public String severity;
    public String day;
    /** The seed's timestamp: first record of the key's day, or the first unknown-model record. */
    public long tsMicros;
    /** Offset the seed's timestamp was written with, so it can be shown as written. */
    public int tsOffsetSeconds;
    /** Event time at which the condition became true. */
    public long detectedAtMicros;
    public String description;
    public String evidence;
    public String profile;
    public String baselineVersion;

    public Alert() {}

    @Override
    public String toString() {
        return "Alert{" + apiKeyId + "," + day + "," + alertType + "," + subject + "," + severity + ",rev=" + revision + "}";
    }
}
