package io.keytrail.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the project's own files (conf/, datasets/) when a command runs from another directory:
 * a relative path is taken from the working directory if it exists there, else from KEYTRAIL_HOME (set
 * by the launcher) or the system property keytrail.home (set for the tests).
 */
public final class Home {
    private Home() {}

    public static String resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || Files.exists(p) || path.contains("://")) return path;
        String home = System.getProperty("keytrail.home", System.getenv("KEYTRAIL_HOME"));
        if (home != null) {
            Path h = Path.of(home).resolve(path);
            if (Files.exists(h)) return h.toString();
        }
        return path;
    }
}
