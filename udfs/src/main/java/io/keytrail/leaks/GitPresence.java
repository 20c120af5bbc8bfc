package io.keytrail.leaks;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a leaked key is still in the tip of any ref, and which commit removed it.
 *
 * <p>The history scan recorded every blob that holds a secret. Every blob of the history was the new side
 * of some diff and was scanned then, so a blob not in that set holds no secret: presence in a tip is a
 * walk of its tree comparing ids (no blob is read), and a removal is a diff where a parent's blob held the
 * key and the commit's version at that path does not. This costs a second pass of tree diffs, done only
 * when something leaked.
 */
final class GitPresence {
    private GitPresence() {}

    record Removal(String fingerprint, int order, String commit, long atMicros) {}

    static void assign(GitHistoryScanner scanner, Repository repo, GitHistoryScanner.Result r) throws IOException {
        Map<ObjectId, Set<String>> secretBlobs = r.secretBlobs;
        Set<String> present = new HashSet<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            for (ObjectId tip : new HashSet<>(r.tips.values())) {
                tw.reset(repo.parseCommit(tip).getTree());
                tw.setRecursive(true);
                while (tw.next()) {
                    Set<String> fps = secretBlobs.get(tw.getObjectId(0));
                    if (fps != null) present.addAll(fps);
                }
            }
        }
        List<RevCommit> commits = r.order;
        List<List<Removal>> perCommit = scanner.parallel(repo, commits.size(), (ctx, i) -> removals(ctx, commits.get(i), i, secretBlobs));
        List<Removal> removals = new ArrayList<>();
        perCommit.forEach(removals::addAll);
        for (Leak l : r.leaks) {
            l.stillPresent = present.contains(l.fingerprint);
            if (l.stillPresent) continue;
            Removal after = null;
            Removal last = null;
            for (Removal m : removals) {
                if (!m.fingerprint.equals(l.fingerprint)) continue;
                if (last == null || m.order > last.order) last = m;
                if (m.order > l.order && (after == null || m.order < after.order)) after = m;
            }
            // The removal that follows this occurrence; else (a copy removed elsewhere) the last one.
            Removal chosen = after != null ? after : last;
            if (chosen != null) {
                l.removedIn = chosen.commit;
                l.removedAtMicros = chosen.atMicros;
            }
        }
    }

    /**
     * Keys that a parent's version of a changed path held and that no changed path of this commit holds:
     * a key moved to another file in the same commit (a rename) is not a removal.
     */
    private static List<Removal> removals(GitHistoryScanner.Ctx ctx, RevCommit c, int order, Map<ObjectId, Set<String>> secretBlobs)
            throws IOException {
        if (c.getParentCount() == 0) return List.of();
        Set<String> before = new HashSet<>();
        Set<String> now = new HashSet<>();
        try (TreeWalk tw = GitHistoryScanner.againstParents(ctx, c)) {
            while (tw.next()) {
                now.addAll(secretBlobs.getOrDefault(tw.getObjectId(0), Set.of()));
                for (int p = 1; p < tw.getTreeCount(); p++) before.addAll(secretBlobs.getOrDefault(tw.getObjectId(p), Set.of()));
            }
        }
        before.removeAll(now);
        if (before.isEmpty()) return List.of();
        long at = ctx.walk.parseCommit(c).getCommitterIdent().getWhenAsInstant().toEpochMilli() * 1000L;
        List<Removal> out = new ArrayList<>();
        for (String fp : before) out.add(new Removal(fp, order, c.name(), at));
        return out;
    }
}
