package io.keytrail.leaks;

import java.util.ArrayList;
import java.util.List;

/**
 * One place where a full secret was exposed: a row of the {@code leaks} table. It never holds the
 * secret itself, only its fingerprint and masked display, so a Leak can be logged, written and shown.
 *
 * <p>A plain mutable row like the other model classes: the scanners fill the location, and the
 * history-wide fields (refs, first_exposure, still_present, removed_in) are settled afterwards.
 */
public final class Leak {
    public static final String GIT = "git";
    public static final String DIR = "dir";
    public static final String LOG = "log";
    public static final String BUNDLE = "bundle";
    public static final String GITHUB_ALERT = "github-alert";

    public static final String COMMIT_TIME = "commit_time";
    public static final String LOG_TIMESTAMP = "log_timestamp";
    public static final String ALERT_CREATED_AT = "alert_created_at";
    public static final String FILE_MTIME = "file_mtime";

    public String fingerprint;
    public String provider;
    public String rule;
    public String redacted;
    public String sourceKind;
    public String repo;
    public String commit;
    public String authorName;
    public String authorEmail;
    public Long authorTimeMicros;
    public Long commitTimeMicros;
    public String path;
    public Integer line;
    public List<String> refs = new ArrayList<>();
    public boolean firstExposure;
    public Boolean stillPresent;
    public String removedIn;
    public Long removedAtMicros;
    public Long exposedAtMicros;
    public String timeSource;
    /** Discovery order (commit order for git, then input order): breaks ties between equal exposure times. */
    public long order;

    /** The masked display's last four characters, or null when the display does not end with them. */
    public String last4() {
        return Redaction.last4(redacted);
    }

    @Override
    public String toString() {
        return "Leak{" + sourceKind + "," + rule + "," + redacted + "," + path + ":" + line + (commit == null ? "" : "@" + commit) + "}";
    }
}
