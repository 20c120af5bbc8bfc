package io.keytrail.leaks;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every secret ever added to a repository's history: every commit reachable from any ref (branches,
 * tags, remotes, stash, HEAD), each diffed against every parent, only added lines counted.
 *
 * <p>A merge adds a line only when none of its parents has it, so a key typed into a conflict resolution
 * is found (gitleaks and trufflehog give merges no patch at all). Commits are visited parents first
 * (topological order), so commit order is the order of introduction; they are scanned in parallel, each
 * worker with its own ObjectReader (the Repository is thread-safe, readers are not).
 *
 * <p>Cost: a new blob is first run through the scanner as a whole (its keyword prefilter rejects nearly
 * every blob in one pass); only blobs holding a secret are diffed to see whether its line was added.
 */
public final class GitHistoryScanner {
    private final LeakFinder finder;
    private final int threads;

    /**
     * Process-wide JGit settings for a scanning command, called once at start. The pack cache defaults to
     * 10 MiB (WindowCacheConfig), so a history scan would spend its time evicting and re-reading pack
     * windows. And JGit measures each file store's timestamp resolution on first use, which blocks for
     * seconds; a scan only reads, so the measurement may run in the background.
     */
    public static void tuneJGit() {
        org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
        org.eclipse.jgit.storage.file.WindowCacheConfig c = new org.eclipse.jgit.storage.file.WindowCacheConfig();
        c.setPackedGitLimit(256L << 20);
        c.setDeltaBaseCacheLimit(64 << 20);
        c.setStreamFileThreshold(BlobText.MAX_BYTES);
        c.install();
    }

    public GitHistoryScanner(LeakFinder finder, int threads) {
        this.finder = finder;
        this.threads = Math.max(1, threads);
    }

    /** What a history scan found, and what it cost. */
    public static final class Result {
        public final List<Leak> leaks;
        public final int commits;
        public final long blobBytes;
        /** Blob ids that hold a secret, with the fingerprints in each (for presence and removal). */
        final Map<ObjectId, Set<String>> secretBlobs;
        final List<RevCommit> order;
        final Map<String, ObjectId> tips;

        Result(List<Leak> leaks, int commits, long blobBytes, Map<ObjectId, Set<String>> secretBlobs,
               List<RevCommit> order, Map<String, ObjectId> tips) {
            this.leaks = leaks;
            this.commits = commits;
            this.blobBytes = blobBytes;
            this.secretBlobs = secretBlobs;
            this.order = order;
            this.tips = tips;
        }
    }

    /** Scans the history and settles refs, still_present, removed_in and removed_at of every leak found. */
    public Result scan(Repository repo, String repoName) throws IOException {
        Map<String, ObjectId> tips = tips(repo);
        List<RevCommit> commits = commitsParentsFirst(repo, tips.values());
        Map<ObjectId, Set<String>> secretBlobs = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        List<List<Leak>> perCommit = parallel(repo, commits.size(), (ctx, i) -> {
            List<Leak> found = scanCommit(ctx, commits.get(i), secretBlobs, bytes);
            for (Leak l : found) {
                l.repo = repoName;
                l.order = i;
            }
            return found;
        });
        List<Leak> leaks = new ArrayList<>();
        perCommit.forEach(leaks::addAll);
        Result r = new Result(leaks, commits.size(), bytes.get(), secretBlobs, commits, tips);
        if (!leaks.isEmpty()) {
            RefReach.assign(repo, tips, leaks);
            GitPresence.assign(this, repo, r);
        }
        return r;
    }

    /** Every ref peeled to a commit; tags of trees or blobs and dangling refs are skipped. */
    static Map<String, ObjectId> tips(Repository repo) throws IOException {
        List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefs());
        Ref head = repo.exactRef(Constants.HEAD);
        if (head != null) refs.add(head);
        Map<String, ObjectId> tips = new LinkedHashMap<>();
        try (RevWalk rw = new RevWalk(repo)) {
            for (Ref ref : refs) {
                Ref peeled = repo.getRefDatabase().peel(ref);
                ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
                if (id == null) continue;
                try {
                    tips.put(ref.getName(), rw.parseCommit(id).copy());
                } catch (MissingObjectException | IncorrectObjectTypeException e) {
                    // A tag of a blob or tree, or a ref to a pruned object: nothing to walk.
                }
            }
        }
        return tips;
    }

    static List<RevCommit> commitsParentsFirst(Repository repo, Iterable<ObjectId> starts) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false); // authors are read only for commits with a finding
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            for (ObjectId id : starts) walk.markStart(walk.parseCommit(id));
            for (RevCommit c : walk) out.add(c);
        }
        return out;
    }

    /** Per-thread JGit state: readers are not thread-safe. */
    static final class Ctx implements AutoCloseable {
        final ObjectReader reader;
        final RevWalk walk;

        Ctx(Repository repo) {
            this.reader = repo.newObjectReader();
            this.walk = new RevWalk(reader);
        }

        @Override
        public void close() {
            walk.close();
            reader.close();
        }
    }

    interface Task<T> {
        T run(Ctx ctx, int index) throws IOException;
    }

    /** Runs {@code task} for indices 0..n-1 on the scanner's threads; results in index order. */
    <T> List<T> parallel(Repository repo, int n, Task<T> task) throws IOException {
        List<T> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) results.add(null);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, Math.max(1, n));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "leakscan-git");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                fs.add(pool.submit(() -> {
                    try (Ctx ctx = new Ctx(repo)) {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            T t = task.run(ctx, i);
                            synchronized (results) {
                                results.set(i, t);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IOException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private List<Leak> scanCommit(Ctx ctx, RevCommit c, Map<ObjectId, Set<String>> secretBlobs, AtomicLong bytes)
            throws IOException {
        List<Leak> found;
        try (TreeWalk tw = againstParents(ctx, c)) {
            found = scanAdded(ctx.reader, tw, secretBlobs, bytes);
        }
        if (!found.isEmpty()) {
            RevCommit full = ctx.walk.parseCommit(c);
            ctx.walk.parseBody(full);
            for (Leak l : found) describe(l, full);
        }
        return found;
    }

    /** A walk over the commit's tree (tree 0) and each parent's (trees 1..n), recursive, changed paths only. */
    static TreeWalk againstParents(Ctx ctx, RevCommit c) throws IOException {
        TreeWalk tw = new TreeWalk(ctx.reader);
        tw.setRecursive(true);
        tw.addTree(c.getTree());
        for (int p = 0; p < c.getParentCount(); p++) tw.addTree(ctx.walk.parseCommit(c.getParent(p)).getTree());
        if (c.getParentCount() > 0) tw.setFilter(TreeFilter.ANY_DIFF);
        return tw;
    }

    /**
     * Leaks on lines that tree 0 of {@code tw} adds relative to every other tree (its parents; none for a
     * root commit), with their path and line set. Shared by history scans and the staged (index) scan.
     */
    List<Leak> scanAdded(ObjectReader reader, TreeWalk tw, Map<ObjectId, Set<String>> secretBlobs, AtomicLong bytes)
            throws IOException {
        int parents = tw.getTreeCount() - 1;
        tw.setRecursive(true);
        if (parents > 0) tw.setFilter(TreeFilter.ANY_DIFF);
        List<Leak> found = new ArrayList<>();
        while (tw.next()) {
            if (!isFile(tw.getRawMode(0))) continue;
            ObjectId blob = tw.getObjectId(0);
            boolean unchangedOnSomeSide = false;
            for (int p = 1; p <= parents; p++) if (blob.equals(tw.getObjectId(p))) unchangedOnSomeSide = true;
            if (unchangedOnSomeSide) continue; // no line can be new relative to that parent
            byte[] content = BlobText.bytes(reader, blob);
            if (content == null) continue;
            bytes.addAndGet(content.length);
            List<Leak> inBlob = finder.find(BlobText.string(content));
            if (inBlob.isEmpty()) continue;
            RawText text = new RawText(content); // only now: line index and diff are for blobs holding a key
            Set<String> fps = new LinkedHashSet<>();
            for (Leak l : inBlob) fps.add(l.fingerprint);
            secretBlobs.put(blob.copy(), fps);
            for (Leak l : addedOnly(reader, tw, parents, text, inBlob)) {
                l.path = tw.getPathString();
                found.add(l);
            }
        }
        return found;
    }

    /** The findings whose line is added relative to every parent that has the file. */
    private static List<Leak> addedOnly(ObjectReader reader, TreeWalk tw, int parents, RawText text, List<Leak> inBlob) throws IOException {
        List<BitSet> addedVs = new ArrayList<>();
        for (int p = 1; p <= parents; p++) {
            RawText older = isFile(tw.getRawMode(p)) ? BlobText.load(reader, tw.getObjectId(p)) : null;
            addedVs.add(AddedLines.of(older, text));
        }
        List<Leak> out = new ArrayList<>();
        for (Leak l : inBlob) {
            boolean added = true;
            for (BitSet b : addedVs) added &= b.get(l.line - 1);
            if (added) out.add(l);
        }
        return out;
    }

    static boolean isFile(int rawMode) {
        return FileMode.REGULAR_FILE.equals(rawMode) || FileMode.EXECUTABLE_FILE.equals(rawMode);
    }

    private static void describe(Leak l, RevCommit c) {
        l.sourceKind = Leak.GIT;
        l.commit = c.name();
        PersonIdent a = c.getAuthorIdent();
        l.authorName = a.getName();
        l.authorEmail = a.getEmailAddress();
        l.authorTimeMicros = a.getWhenAsInstant().toEpochMilli() * 1000L;
        l.commitTimeMicros = c.getCommitterIdent().getWhenAsInstant().toEpochMilli() * 1000L;
        l.exposedAtMicros = l.commitTimeMicros;
        l.timeSource = Leak.COMMIT_TIME;
    }
}
