package io.keytrail.leaks;

import org.eclipse.jgit.diff.RawText;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Folders (a checkout, a build output, an unpacked app) and CI log files, read as text; zip-based
 * bundles are opened (see {@link Bundles}); binaries are skipped. Minified JS is just a long line of text.
 * A folder's {@code .git} is skipped: history is the git scanner's job.
 */
public final class FileScanner {
    private final LeakFinder finder;
    private long bytes;
    private long files;

    public FileScanner(LeakFinder finder) {
        this.finder = finder;
    }

    public long bytes() { return bytes; }
    public long files() { return files; }

    /** Leaks in every file under {@code root} (or in the file itself); exposure time is the file's mtime. */
    public List<Leak> scanDir(Path root) throws IOException {
        return scan(root, Leak.DIR);
    }

    /** Leaks in CI logs: exposure time is the timestamp that starts the line, else the file's mtime. */
    public List<Leak> scanLogs(Path root) throws IOException {
        return scan(root, Leak.LOG);
    }

    private List<Leak> scan(Path root, String kind) throws IOException {
        List<Leak> out = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) paths.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        paths.sort(null);
        for (Path file : paths) {
            byte[] content;
            try (var in = Files.newInputStream(file)) {
                content = Bundles.readCapped(in, BlobText.MAX_BYTES);
            }
            if (content == null) continue;
            long mtime = Files.getLastModifiedTime(file).toMillis() * 1000L;
            String name = file.toString();
            files++;
            if (Bundles.isBundle(name, content)) {
                try {
                    Bundles.entries(name, content, 0, (inner, b) -> out.addAll(text(inner, b, Leak.BUNDLE, mtime)));
                } catch (IOException | IllegalArgumentException e) {
                    // Not a readable zip after all: scan it as whatever it is.
                    out.addAll(text(name, content, kind, mtime));
                }
            } else {
                out.addAll(text(name, content, kind, mtime));
            }
        }
        return out;
    }

    private List<Leak> text(String path, byte[] content, String kind, long mtimeMicros) {
        if (RawText.isBinary(content)) return List.of();
        bytes += content.length;
        String text = BlobText.string(content);
        List<Leak> found = finder.find(text);
        if (found.isEmpty()) return found;
        String[] lines = kind.equals(Leak.LOG) ? text.split("\n", -1) : null;
        for (Leak l : found) {
            l.sourceKind = kind;
            l.path = path;
            Long logged = lines == null ? null : LogTimestamps.of(lines[l.line - 1]);
            l.exposedAtMicros = logged != null ? logged : mtimeMicros;
            l.timeSource = logged != null ? Leak.LOG_TIMESTAMP : Leak.FILE_MTIME;
        }
        return found;
    }
}
