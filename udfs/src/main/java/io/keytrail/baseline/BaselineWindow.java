package io.keytrail.baseline;

import io.keytrail.model.UsageRecord;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which history records a refreshed baseline may use (the seed's weekly refresh): those in the most
 * recent window, minus the periods in which a confirmed incident was active on that key.
 */
public final class BaselineWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A period [from, to) during which a key's usage is not its own. */
    public record Excluded(long fromMicros, long toMicros) implements Serializable {}

    private final long fromMicros;
    private final long toMicros;
    private final Map<String, List<Excluded>> excluded;

    public BaselineWindow(long fromMicros, long toMicros, Map<String, List<Excluded>> excludedByKey) {
        this.fromMicros = fromMicros;
        this.toMicros = toMicros;
        this.excluded = new HashMap<>(excludedByKey);
    }

    public boolean keeps(UsageRecord r) {
        if (r.tsMicros < fromMicros || r.tsMicros >= toMicros) return false;
        List<Excluded> ex = excluded.get(r.apiKeyId);
        if (ex == null && r.apiKeyFingerprint != null) ex = excluded.get(r.apiKeyFingerprint);
        if (ex == null) return true;
        for (Excluded e : ex) {
            if (r.tsMicros >= e.fromMicros() && r.tsMicros < e.toMicros()) return false;
        }
        return true;
    }

    public long fromMicros() {
        return fromMicros;
    }

    public long toMicros() {
        return toMicros;
    }
}
