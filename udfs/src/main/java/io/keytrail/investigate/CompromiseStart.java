package io.keytrail.investigate;

import java.io.Serializable;

/** A key's known compromise start: given by the analyst, or the first exposure found by the leak scan. */
public record CompromiseStart(long startMicros, String source, long exposureAtMicros) implements Serializable {
    public static final String ANALYST = "analyst";
    public static final String LEAK = "leak";
    public static final String ESTIMATE = "estimate";
}
