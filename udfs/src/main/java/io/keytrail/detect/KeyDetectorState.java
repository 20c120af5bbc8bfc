package io.keytrail.detect;

import java.util.ArrayList;
import java.util.List;

/** One key's detection state: its open days. Flink POJO. */
public class KeyDetectorState {
    public List<DayState> openDays = new ArrayList<>();
    /** Unknown actors of the key being scored (default profile), in first-seen order. */
    public List<ActorState> actors = new ArrayList<>();
    public io.keytrail.investigate.InvestigationState investigation = new io.keytrail.investigate.InvestigationState();

    public KeyDetectorState() {}

    DayState find(long epochDay) {
        for (int i = openDays.size() - 1; i >= 0; i--) {
            DayState d = openDays.get(i);
            if (d.epochDay == epochDay) return d;
        }
        return null;
    }

    public boolean isEmpty() {
        return openDays.isEmpty();
    }

    /** Nothing left that a later record or timer needs: the state can be dropped. */
    public boolean isIdle() {
        io.keytrail.investigate.InvestigationState i = investigation;
        return openDays.isEmpty() && actors.isEmpty() && !i.open && i.candidates.isEmpty() && i.hours.isEmpty();
    }

    /** Earliest instant at which an open day may be closed, Long.MAX_VALUE when none is open. */
    public long nextCloseMicros() {
        long t = Long.MAX_VALUE;
        for (DayState d : openDays) t = Math.min(t, d.closeAfterMicros);
        return t;
    }
}
