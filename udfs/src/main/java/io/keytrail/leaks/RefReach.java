package io.keytrail.leaks;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which refs reach each commit that leaked: tells whether a key lives only on a side branch, a tag or a
 * stash. One walk per ref, without commit bodies; only the leaking commits are looked up.
 */
final class RefReach {
    private RefReach() {}

    static void assign(Repository repo, Map<String, ObjectId> tips, List<Leak> leaks) throws IOException {
        Map<ObjectId, TreeSet<String>> reach = new HashMap<>();
        for (Leak l : leaks) reach.put(ObjectId.fromString(l.commit), new TreeSet<>());
        for (Map.Entry<String, ObjectId> tip : tips.entrySet()) {
            try (RevWalk walk = new RevWalk(repo)) {
                walk.setRetainBody(false);
                walk.markStart(walk.parseCommit(tip.getValue()));
                for (RevCommit c : walk) {
                    TreeSet<String> refs = reach.get(c);
                    if (refs != null) refs.add(tip.getKey());
                }
            }
        }
        for (Leak l : leaks) l.refs = List.copyOf(reach.get(ObjectId.fromString(l.commit)));
    }
}
