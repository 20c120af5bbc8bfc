package io.keytrail.leaks;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/** A repository the tests build with JGit porcelain, one commit a minute from a fixed instant. */
public final class TestRepo implements AutoCloseable {
    public final Path dir;
    public final Git git;
    private long time = Instant.parse("2025-03-01T10:00:00Z").getEpochSecond();

    public TestRepo(Path dir) throws Exception {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    public TestRepo write(String path, String content) throws IOException {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestRepo write(String path, byte[] content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return this;
    }

    public TestRepo delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    public RevCommit commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        time += 60;
        PersonIdent who = new PersonIdent("Dev One", "dev@example.com", Instant.ofEpochSecond(time), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    public void stage(String path) throws Exception {
        git.add().addFilepattern(path).call();
    }

    public void checkout(String branch, boolean create) throws Exception {
        git.checkout().setName(branch).setCreateBranch(create).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
