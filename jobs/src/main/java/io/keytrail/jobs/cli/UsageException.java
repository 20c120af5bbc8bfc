package io.keytrail.jobs.cli;

/** A command line the user must fix: printed as one line, exit code 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
