package io.keytrail.jobs.generate;

import java.util.Locale;

/** A labelled behaviour of one key in a scenario set: an attack, a legitimate change, or nothing special. */
public enum Scenario {
    NORMAL(Kind.NORMAL, false),
    BUCKETED_NORMAL(Kind.NORMAL, true),
    BURST_EXPENSIVE(Kind.ATTACK, false),
    SLOW_LEAK(Kind.ATTACK, false),
    PERSISTENCE(Kind.ATTACK, false),
    STEALTHY(Kind.ATTACK, false),
    KEY_CHECKER(Kind.ATTACK, false),
    BUCKETED_BURST(Kind.ATTACK, true),
    BUCKETED_PERSISTENCE(Kind.ATTACK, true),
    NEW_SERVER_IP(Kind.LEGITIMATE_CHANGE, false),
    MODEL_MIGRATION(Kind.LEGITIMATE_CHANGE, false),
    TRAFFIC_GROWTH(Kind.LEGITIMATE_CHANGE, false),
    WEEKEND_HOLIDAY(Kind.LEGITIMATE_CHANGE, false),
    DORMANT_RETURN(Kind.LEGITIMATE_CHANGE, false);

    /** What the truth file says a key of this scenario is. */
    public enum Kind {
        ATTACK("attack"), LEGITIMATE_CHANGE("legitimate_change"), NORMAL("normal");

        public final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    public final Kind kind;
    /** Bucketed usage without IPs or user agents (usage-API exports), history included. */
    public final boolean bucketed;

    Scenario(Kind kind, boolean bucketed) {
        this.kind = kind;
        this.bucketed = bucketed;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAttack() {
        return kind == Kind.ATTACK;
    }

    public static Scenario of(String wire) {
        for (Scenario s : values()) if (s.wire().equals(wire)) return s;
        return null;
    }
}
