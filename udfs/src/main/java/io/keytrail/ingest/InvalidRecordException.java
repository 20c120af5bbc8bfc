package io.keytrail.ingest;

/** Why one input row cannot be used. Stackless: it is control flow on hostile input, not a bug. */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
