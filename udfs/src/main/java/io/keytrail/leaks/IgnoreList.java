package io.keytrail.leaks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accepted findings ({@code .keytrailignore}): one SHA-256 fingerprint per line, {@code #} starts a
 * comment. Fingerprints, not paths or commits, so an accepted (revoked, test) key stays accepted wherever
 * it is copied, and the file itself never holds a secret.
 */
public final class IgnoreList {
    public static final String DEFAULT_FILE = ".keytrailignore";
    public static final IgnoreList NONE = new IgnoreList(Set.of());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Set<String> fingerprints;

    private IgnoreList(Set<String> fingerprints) {
        this.fingerprints = Set.copyOf(fingerprints);
    }

    /** @throws IOException when a line is neither empty, a comment nor a fingerprint (the message names the line, not its text) */
    public static IgnoreList load(Path file) throws IOException {
        Set<String> fps = new HashSet<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            int hash = s.indexOf('#');
            if (hash >= 0) s = s.substring(0, hash);
            s = s.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) continue;
            if (!SHA256.matcher(s).matches()) {
                throw new IOException(file + " line " + (i + 1) + ": expected a SHA-256 fingerprint (64 hex chars)");
            }
            fps.add(s);
        }
        return new IgnoreList(fps);
    }

    public int size() {
        return fingerprints.size();
    }

    public boolean ignores(Leak l) {
        return l.fingerprint != null && fingerprints.contains(l.fingerprint);
    }
}
