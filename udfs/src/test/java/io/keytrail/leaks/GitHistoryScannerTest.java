package io.keytrail.leaks;

import io.keytrail.secrets.FakeKeys;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretRules;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitHistoryScannerTest {
    private final FakeKeys keys = new FakeKeys(20251129L);
    private final LeakFinder finder = new LeakFinder(SecretRules.defaults());

    private List<Leak> scan(TestRepo r) throws Exception {
        return new GitHistoryScanner(finder, 2).scan(r.git.getRepository(), "test").leaks;
    }

    @Test
    void keyAddedThenDeletedIsFoundWithItsRemoval(@TempDir Path tmp) throws Exception {
        String key = keys.openaiProject();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("README.md", "hello\n").commit("init");
            RevCommit added = r.write("app/config.py", "import os\nOPENAI_API_KEY = \"" + key + "\"\n").commit("add config");
            r.write("other.txt", "x\n").commit("unrelated");
            RevCommit removed = r.write("app/config.py", "import os\nOPENAI_API_KEY = os.environ[\"OPENAI_API_KEY\"]\n").commit("use env");
            List<Leak> leaks = scan(r);
            assertEquals(1, leaks.size(), leaks.toString());
            Leak l = leaks.get(0);
            assertEquals(KeyMasker.sha256Hex(key), l.fingerprint);
            assertEquals("openai", l.provider);
            assertEquals("openai-project", l.rule);
            assertEquals("sk-proj-..." + key.substring(key.length() - 4), l.redacted);
            assertEquals(added.name(), l.commit);
            assertEquals("app/config.py", l.path);
            assertEquals(2, l.line);
            assertEquals("Dev One", l.authorName);
            assertEquals("dev@example.com", l.authorEmail);
            assertEquals(added.getCommitterIdent().getWhenAsInstant().toEpochMilli() * 1000L, l.commitTimeMicros);
            assertEquals(l.commitTimeMicros, l.exposedAtMicros);
            assertEquals(Leak.COMMIT_TIME, l.timeSource);
            assertEquals(Boolean.FALSE, l.stillPresent);
            assertEquals(removed.name(), l.removedIn);
            assertEquals(removed.getCommitterIdent().getWhenAsInstant().toEpochMilli() * 1000L, l.removedAtMicros);
            assertEquals(List.of("HEAD", "refs/heads/main"), l.refs);
        }
    }

    @Test
    void aStashedKeyIsFoundThroughRefsStash(@TempDir Path tmp) throws Exception {
        String key = keys.deepseek();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("app.py", "x = 1\n").commit("init");
            r.write("app.py", "x = 1\ndeepseek_key = '" + key + "'\n").stage("app.py");
            r.git.stashCreate().call();
            List<Leak> leaks = scan(r);
            assertTrue(leaks.size() >= 1, leaks.toString());
            for (Leak l : leaks) assertEquals(List.of("refs/stash"), l.refs);
            assertEquals(KeyMasker.sha256Hex(key), leaks.get(0).fingerprint);
        }
    }

    @Test
    void aRenameIsNotARemoval(@TempDir Path tmp) throws Exception {
        String key = keys.openaiProject();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("old.env", "OPENAI_API_KEY=" + key + "\n").commit("add");
            r.delete("old.env").write("new.env", "OPENAI_API_KEY=" + key + "\n").commit("rename");
            RevCommit gone = r.delete("new.env").write("keep.txt", "k\n").commit("delete");
            List<Leak> leaks = scan(r);
            assertEquals(2, leaks.size(), "the renamed file's lines are new at its new path");
            for (Leak l : leaks) {
                assertEquals(Boolean.FALSE, l.stillPresent);
                assertEquals(gone.name(), l.removedIn);
            }
        }
    }

    @Test
    void keyOnlyOnASideBranchIsFoundWithThatBranchOnly(@TempDir Path tmp) throws Exception {
        String key = keys.anthropic();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("a.txt", "a\n").commit("init");
            r.checkout("experiment", true);
            r.write("exp.sh", "export ANTHROPIC_API_KEY=" + key + "\n").commit("try it");
            r.checkout("main", false);
            r.write("b.txt", "b\n").commit("main work");
            List<Leak> leaks = scan(r);
            assertEquals(1, leaks.size());
            assertEquals(List.of("refs/heads/experiment"), leaks.get(0).refs);
            assertEquals(Boolean.TRUE, leaks.get(0).stillPresent, "still in the side branch's tip");
            assertNull(leaks.get(0).removedIn);
        }
    }

    @Test
    void keyTypedIntoAMergeConflictResolutionIsFound(@TempDir Path tmp) throws Exception {
        String key = keys.openaiProject();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("settings.py", "MODEL = 'a'\nKEY = None\n").commit("base");
            r.checkout("feature", true);
            r.write("settings.py", "MODEL = 'b'\nKEY = load('vault')\n").commit("feature");
            r.checkout("main", false);
            r.write("settings.py", "MODEL = 'c'\nKEY = load('env')\n").commit("main");
            MergeResult m = r.git.merge().include(r.git.getRepository().resolve("feature")).call();
            assertEquals(MergeResult.MergeStatus.CONFLICTING, m.getMergeStatus());
            r.write("settings.py", "MODEL = 'c'\nKEY = '" + key + "'\n");
            RevCommit merge = r.commit("merge feature");
            assertEquals(2, merge.getParentCount());
            List<Leak> leaks = scan(r);
            assertEquals(1, leaks.size(), leaks.toString());
            assertEquals(merge.name(), leaks.get(0).commit);
            assertEquals(2, leaks.get(0).line);
        }
    }

    @Test
    void aMergeThatOnlyCarriesABranchKeyDoesNotReportItAgain(@TempDir Path tmp) throws Exception {
        String key = keys.groq();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("a.txt", "a\n").commit("init");
            r.checkout("feature", true);
            RevCommit added = r.write("f.env", "GROQ_API_KEY=" + key + "\n").commit("feature key");
            r.checkout("main", false);
            r.write("b.txt", "b\n").commit("main");
            r.git.merge().include(r.git.getRepository().resolve("feature")).setCommit(true).setMessage("merge").call();
            List<Leak> leaks = scan(r);
            assertEquals(1, leaks.size(), leaks.toString());
            assertEquals(added.name(), leaks.get(0).commit);
        }
    }

    @Test
    void sameKeyInTwoCommitsHasExactlyOneFirstExposure(@TempDir Path tmp) throws Exception {
        String key = keys.google();
        try (TestRepo r = new TestRepo(tmp)) {
            RevCommit first = r.write("web/index.js", "const k = '" + key + "';\n").commit("one");
            r.write("mobile/app.js", "const k = '" + key + "';\n").commit("two");
            List<Leak> leaks = scan(r);
            FirstExposure.mark(leaks);
            assertEquals(2, leaks.size());
            assertEquals(1, leaks.stream().filter(l -> l.firstExposure).count());
            assertEquals(first.name(), leaks.stream().filter(l -> l.firstExposure).findFirst().orElseThrow().commit);
        }
    }

    @Test
    void packedOnlyRepositoryAfterGcIsScanned(@TempDir Path tmp) throws Exception {
        String key = keys.huggingface();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("a.txt", "a\n").commit("init");
            r.write("hf.py", "token = '" + key + "'\n").commit("hf");
            r.git.gc().setAggressive(false).setExpire((java.time.Instant) null).call();
            Path objects = tmp.resolve(".git/objects");
            try (Stream<Path> s = Files.walk(objects)) {
                assertFalse(s.anyMatch(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}")), "no loose objects left");
            }
            List<Leak> leaks = scan(r);
            assertEquals(1, leaks.size());
            assertEquals("huggingface", leaks.get(0).provider);
        }
    }

    @Test
    void binaryBlobsAreSkipped(@TempDir Path tmp) throws Exception {
        String key = keys.openaiProject();
        byte[] bin = ("\0\1\2PNG" + key + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("img.bin", bin).commit("binary");
            assertTrue(scan(r).isEmpty());
        }
    }

    @Test
    void placeholdersAndLowEntropyStringsAreNotReported(@TempDir Path tmp) throws Exception {
        try (TestRepo r = new TestRepo(tmp)) {
            r.write(".env.example", "OPENAI_API_KEY=sk-proj-" + "x".repeat(60) + "\n"
                    + "OPENAI_API_KEY=sk-proj-your-api-key-here-0000000000000000000000000000000\n"
                    + "OPENAI_API_KEY=sk-proj-" + "ab".repeat(40) + "\n"
                    + "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n").commit("docs");
            assertTrue(scan(r).isEmpty(), () -> scan0(r));
        }
    }

    private String scan0(TestRepo r) {
        try {
            return scan(r).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void stagedScanSeesOnlyWhatIsStaged(@TempDir Path tmp) throws Exception {
        String staged = keys.xai();
        String notStaged = keys.replicate();
        try (TestRepo r = new TestRepo(tmp)) {
            r.write("a.txt", "a\n").commit("init");
            r.write("a.txt", "a\nXAI_API_KEY=" + staged + "\n").stage("a.txt");
            r.write("b.txt", "REPLICATE_API_TOKEN=" + notStaged + "\n");
            List<Leak> leaks = new StagedScanner(finder).scan(r.git.getRepository());
            assertEquals(1, leaks.size(), leaks.toString());
            assertEquals(KeyMasker.sha256Hex(staged), leaks.get(0).fingerprint);
            assertEquals("a.txt", leaks.get(0).path);
            assertEquals(2, leaks.get(0).line);
        }
    }
}
