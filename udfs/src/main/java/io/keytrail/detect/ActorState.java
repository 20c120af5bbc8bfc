package io.keytrail.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * What the scoring remembers about one actor of a key: an unknown source IP, or ("") the key's records that
 * carry no IP. Flink POJO (public fields, no Kryo).
 */
public class ActorState {
    public static final long NONE = Long.MIN_VALUE;

    public String ip;
    /** First record of an IP actor; for the no-IP actor, its first record that gave it a signal. */
    public long firstTsMicros = NONE;
    public int firstOffsetSeconds;
    public long lastTsMicros = NONE;
    public long requests;
    public long large;
    public long offHours;
    /** Bit set of {@link ActorSignal} ordinals. */
    public int signals;
    public int score;
    public int alertSeverity = -1;
    public int alertRevision = -1;
    public String alertDay;
    /** Recent (timestamp, model) pairs within the model-sweep window. */
    public List<Long> recentTs = new ArrayList<>();
    public List<String> recentModels = new ArrayList<>();
    /** Recent client-error timestamps within the error-burst window. */
    public List<Long> errorTs = new ArrayList<>();

    public ActorState() {}
}
