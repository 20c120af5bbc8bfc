package io.keytrail.model;

/**
 * Two group keys met under one {@link KeyHash}: a 1-in-2^64 event per pair, so the job stops
 * rather than analysing two keys as one. Group keys are fingerprints or masked ids, never secrets.
 */
public class KeyHashCollision extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public KeyHashCollision(String held, String got) {
        super("keys " + held + " and " + got + " share the 64-bit key hash the pipeline groups by; "
                + "they cannot be analysed apart in one run (split the input by key and run twice)");
    }
}
