package io.keytrail.detect;

import io.keytrail.profile.DetectionProfile.ScoringSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** A weak signal about an actor; each counts once per actor, with its weight from the profile's scoring. */
public enum ActorSignal {
    UNKNOWN_IP("unknown_ip", s -> s.unknownIp),
    NEW_USER_AGENT("new_user_agent", s -> s.newUserAgent),
    NEW_USER_AGENT_VERSION("new_user_agent_version", s -> s.newUserAgentVersion),
    NEW_MODEL("new_model", s -> s.newModel),
    NEW_MODEL_FAMILY("new_model_family", s -> s.newModelFamily),
    SENSITIVE_ENDPOINT("sensitive_endpoint", s -> s.sensitiveEndpoint),
    PROBE("probe", s -> s.probe),
    MODEL_SWEEP("model_sweep", s -> s.modelSweep),
    ERROR_BURST("error_burst", s -> s.errorBurst),
    LARGE_REQUESTS("large_requests", s -> s.largeRequests),
    OFF_HOURS("off_hours", s -> s.offHours),
    SPEND("spend", s -> s.spend);

    public final String wire;
    private final ToIntFunction<ScoringSettings> weight;

    ActorSignal(String wire, ToIntFunction<ScoringSettings> weight) {
        this.wire = wire;
        this.weight = weight;
    }

    public int weight(ScoringSettings s) {
        return weight.applyAsInt(s);
    }

    public static int score(int signals, ScoringSettings s) {
        int total = 0;
        for (ActorSignal a : values()) if ((signals & (1 << a.ordinal())) != 0) total += a.weight(s);
        return total;
    }

    public static List<String> names(int signals) {
        List<String> out = new ArrayList<>();
        for (ActorSignal a : values()) if ((signals & (1 << a.ordinal())) != 0) out.add(a.wire);
        return out;
    }
}
