package io.keytrail.jobs.leakscan;

import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A synthetic repository for the benchmark, written straight into one pack with JGit (no index, no
 * working tree, no git process): {@code files} source files under 20 folders, each commit appending lines
 * to one file (files are capped at 200 lines, so old lines, keys included, scroll out), a side branch merged
 * back every 500 commits, a tag every 5,000, and fake keys (random, of the OpenAI project shape) added
 * at evenly spaced commits.
 */
final class BenchRepo {
    static final int FILES = 200;
    static final int MAX_LINES = 200;
    private static final String URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private final Random rnd;
    private final Map<String, List<String>> files = new TreeMap<>();
    private final Map<String, ObjectId> blobs = new TreeMap<>();
    private final Map<String, ObjectId> dirTrees = new TreeMap<>();
    private final List<String> paths = new ArrayList<>();
    private String changed;
    private long time = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    int merges;
    int keysAdded;

    BenchRepo(long seed) {
        rnd = new Random(seed);
        for (int i = 0; i < FILES; i++) files.put(String.format("src/mod%02d/file%03d.py", i % 20, i), new ArrayList<>());
        paths.addAll(files.keySet());
    }

    /** Creates a bare repository in {@code dir} with {@code commits} commits and {@code keys} key additions. */
    void write(File dir, int commits, int keys) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
            repo.create(true);
            ObjectDirectory odb = (ObjectDirectory) repo.getObjectDatabase();
            ObjectId tip = null;
            Map<String, ObjectId> tags = new TreeMap<>(); // set after the pack is flushed: refs need the objects
            int keyEvery = keys == 0 ? Integer.MAX_VALUE : Math.max(1, commits / keys);
            try (ObjectInserter ins = odb.newPackInserter()) {
                int made = 0;
                while (made < commits) {
                    if (made > 0 && made % 500 == 0 && commits - made >= 3) {
                        // Two commits on a side branch, then a --no-ff merge: the merged tree is the side's.
                        ObjectId side = tip;
                        for (int s = 0; s < 2; s++) side = commit(ins, edit(false), side);
                        tip = commit(ins, edit(false), tip, side);
                        merges++;
                        made += 3;
                        continue;
                    }
                    boolean key = made >= keyEvery / 2 + (long) keysAdded * keyEvery && keysAdded < keys;
                    tip = tip == null ? commit(ins, edit(key)) : commit(ins, edit(key), tip);
                    if (key) keysAdded++;
                    made++;
                    if (made % 5000 == 0) tags.put(Constants.R_TAGS + "v" + made / 5000, tip);
                }
                ins.flush();
            }
            for (Map.Entry<String, ObjectId> t : tags.entrySet()) ref(repo, t.getKey(), t.getValue());
            ref(repo, Constants.R_HEADS + "main", tip);
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.link(Constants.R_HEADS + "main");
        }
    }

    private ObjectId edit(boolean withKey) {
        String path = paths.get(rnd.nextInt(paths.size()));
        List<String> lines = files.get(path);
        int n = 3 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) lines.add("    value_" + rnd.nextInt(100000) + " = compute(" + rnd.nextInt(1000) + ", \"" + word() + "\")");
        if (withKey) lines.add("OPENAI_API_KEY = \"sk-proj-" + chars(74) + "T3BlbkFJ" + chars(74) + "\"");
        while (lines.size() > MAX_LINES) lines.remove(0);
        changed = path;
        return null; // the tree is built at commit time
    }

    private String word() {
        return chars(4 + rnd.nextInt(8)).replace('-', 'x').replace('_', 'y');
    }

    private String chars(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(URLSAFE.charAt(rnd.nextInt(URLSAFE.length())));
        return b.toString();
    }

    private ObjectId commit(ObjectInserter ins, ObjectId ignored, ObjectId... parents) throws IOException {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree(ins));
        time += 60 + rnd.nextInt(600);
        PersonIdent who = new PersonIdent("Bench Dev", "dev@example.com", Instant.ofEpochSecond(time), java.time.ZoneOffset.UTC);
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage("change " + time + "\n");
        c.setParentIds(parents);
        return ins.insert(c);
    }

    /** The root tree of the current files: only the changed file's blob and folder are hashed again. */
    private ObjectId tree(ObjectInserter ins) throws IOException {
        if (blobs.isEmpty()) {
            for (String p : paths) blobs.put(p, blob(ins, p));
            for (String p : paths) dirTrees.put(dirOf(p), null);
        } else {
            blobs.put(changed, blob(ins, changed));
            dirTrees.put(dirOf(changed), null);
        }
        TreeFormatter src = new TreeFormatter();
        for (Map.Entry<String, ObjectId> d : dirTrees.entrySet()) {
            if (d.getValue() == null) {
                TreeFormatter t = new TreeFormatter();
                for (Map.Entry<String, ObjectId> b : blobs.entrySet()) {
                    if (dirOf(b.getKey()).equals(d.getKey())) t.append(b.getKey().substring(d.getKey().length() + 1), FileMode.REGULAR_FILE, b.getValue());
                }
                d.setValue(ins.insert(t));
            }
            src.append(d.getKey().substring("src/".length()), FileMode.TREE, d.getValue());
        }
        TreeFormatter root = new TreeFormatter();
        root.append("src", FileMode.TREE, ins.insert(src));
        return ins.insert(root);
    }

    private ObjectId blob(ObjectInserter ins, String path) throws IOException {
        StringBuilder content = new StringBuilder();
        for (String l : files.get(path)) content.append(l).append('\n');
        return ins.insert(Constants.OBJ_BLOB, content.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String dirOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static void ref(Repository repo, String name, ObjectId id) throws IOException {
        RefUpdate u = repo.updateRef(name);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot set " + name + ": " + r);
        }
    }
}
