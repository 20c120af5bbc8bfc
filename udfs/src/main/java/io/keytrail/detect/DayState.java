package io.keytrail.detect;

import java.util.ArrayList;
import java.util.List;

/** What the checks remember about one key's open day. Flink POJO (public fields, no Kryo). */
public class DayState {
    public long epochDay;
    public long firstTsMicros;
    public int firstOffsetSeconds;
    public long closeAfterMicros;
    /** Rows and requests seen so far; the profile decides which one the checks count. */
    public long rows;
    public long requests;
    public double cost;
    public long offHours;
    /** Severity ordinal of the last volume alert revision, -1 when none. */
    public int volumeSeverity = -1;
    public int volumeRevision = -1;
    public boolean costAlerted;
    /** Models already alerted on this day (at most one in the seed's behaviour). */
    public List<String> alertedModels = new ArrayList<>();
    /** Unknown source IPs in first-seen order. */
    public List<String> unknownIps = new ArrayList<>();
    public boolean ipAlerted;
    /** Highest spend tier reached (index into the profile's multipliers), -1 when none; its alert's revision. */
    public int spendTier = -1;
    public int spendRevision = -1;

    public DayState() {}
}
