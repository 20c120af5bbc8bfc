package io.keytrail.jobs.cli;

/** One `keytrail <command>`. */
public interface Command {
    String name();

    /** One line for `keytrail --help`. */
    String summary();

    /** The options, with defaults and help, for parsing and for `--help`. */
    Options options();

    /** Runs with parsed options; returns the exit code. */
    int run(Options opts) throws Exception;
}
