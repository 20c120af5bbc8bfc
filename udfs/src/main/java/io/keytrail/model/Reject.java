package io.keytrail.model;

import java.io.Serializable;

/** An input record (or a whole file) that could not be used, with why. Raw content is secret-masked. */
public class Reject implements Serializable {
    private static final long serialVersionUID = 1L;

    /** File path, or topic for Kafka input. */
    public String source;
    /** "row N" / "line N" / "file" / "partition P offset O". */
    public String location;
    public String reason;
    /** The raw content, masked and truncated. */
    public String raw;
    /** Which input this came from: history, archive, stream. */
    public String input;

    public Reject() {}

    public static Reject of(String input, String source, String location, String reason, String raw) {
        Reject r = new Reject();
        r.input = input;
        r.source = source;
        r.location = location;
        r.reason = reason;
        r.raw = raw;
        return r;
    }

    @Override
    public String toString() {
        return "Reject{" + source + " " + location + ": " + reason + "}";
    }
}
