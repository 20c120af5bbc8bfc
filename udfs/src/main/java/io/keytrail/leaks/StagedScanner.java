package io.keytrail.leaks;

import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code git commit} is about to record: the index against HEAD, added lines only, the same rules
 * as the history scan. Reads only the changed blobs, so a pre-commit hook stays fast. Before the first
 * commit (no HEAD) everything staged counts as added.
 */
public final class StagedScanner {
    private final GitHistoryScanner history;

    public StagedScanner(LeakFinder finder) {
        this.history = new GitHistoryScanner(finder, 1);
    }

    public List<Leak> scan(Repository repo) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(repo, reader)) {
            tw.addTree(new DirCacheIterator(repo.readDirCache()));
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head != null) tw.addTree(walk.parseCommit(head).getTree());
            List<Leak> found = history.scanAdded(reader, tw, new HashMap<>(), new AtomicLong());
            for (Leak l : found) {
                l.sourceKind = Leak.GIT;
                l.repo = repo.getWorkTree().toString();
            }
            return found;
        }
    }
}
