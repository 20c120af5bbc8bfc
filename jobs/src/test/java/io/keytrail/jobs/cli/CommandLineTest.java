package io.keytrail.jobs.cli;

import io.keytrail.jobs.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions every command follows: --help with defaults, exit 2 with one line on usage errors. */
class CommandLineTest {
    @Test
    void topLevelHelpListsCommands() {
        TestFiles.Result r = TestFiles.run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("sweep") && r.out().contains("generate"), r.out());
        assertEquals(2, TestFiles.run().code(), "no command is a usage error");
    }

    @Test
    void commandHelpListsEveryOptionWithItsDefault() {
        TestFiles.Result r = TestFiles.run("sweep", "--help");
        assertEquals(0, r.code());
        for (String opt : new String[] {"--history PATH", "--archive PATH", "--out DIR", "--profile", "--strict", "--parallelism"}) {
            assertTrue(r.out().contains(opt), opt + " missing from\n" + r.out());
        }
        assertTrue(r.out().contains("(default: datasets/sample/history)"));
        assertTrue(r.out().contains("(default: default)"));
        assertTrue(TestFiles.run("generate", "--help").out().contains("--seed S"));
    }

    @Test
    void usageErrorsExitTwoWithOneLine(@TempDir Path tmp) {
        for (String[] args : new String[][] {
                {"nope"},
                {"sweep", "--bogus"},
                {"sweep", "--out"},
                {"sweep", "--profile", "nonexistent", "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json"},
                {"sweep", "--history", tmp.resolve("missing").toString(), "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json"},
                {"sweep", "--history", tmp.toString(), "--archive", tmp.toString(), "--pricing", "../conf/pricing.json", "--rules", "../conf/secret-rules.json"},
                {"generate", "--keys", "zero"},
        }) {
            TestFiles.Result r = TestFiles.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
    }
}
