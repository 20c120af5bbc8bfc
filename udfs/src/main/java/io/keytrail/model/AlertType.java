package io.keytrail.model;

/** The seed's five checks. The wire names are the seed's alert_type strings. */
public final class AlertType {
    public static final String VOLUME_SPIKE = "volume_spike";
    public static final String COST_SPIKE = "cost_spike";
    public static final String UNKNOWN_MODEL = "unknown_model";
    public static final String UNKNOWN_SOURCE_IP = "unknown_source_ip";
    public static final String OFF_HOURS_USAGE = "off_hours_usage";

    /** Default profile: an actor's combined score (subject: its IP, or "no-ip"). */
    public static final String COMPROMISE_SCORE = "compromise_score";
    /** Default profile: the day's spend past a billing-alert tier. */
    public static final String SPEND_TIER = "spend_tier";

    public static final java.util.List<String> ALL =
            java.util.List.of(VOLUME_SPIKE, COST_SPIKE, UNKNOWN_MODEL, UNKNOWN_SOURCE_IP, OFF_HOURS_USAGE);

    private AlertType() {}
}
