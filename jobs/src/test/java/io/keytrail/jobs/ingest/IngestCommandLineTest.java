package io.keytrail.jobs.ingest;

import io.keytrail.jobs.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ingest follows the command-line conventions: help with every format, exit 2 with one line on misuse. */
class IngestCommandLineTest {
    @Test
    void helpListsTheOptionsAndEveryFormat() {
        TestFiles.Result r = TestFiles.run("ingest", "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--format FORMAT", "--in PATH", "--out DIR", "(default: ingested)", "--costs PATH",
                "--join-requests PATH", "canonical", "openai-usage", "anthropic-usage", "azure-diagnostics", "vertex-audit",
                "bedrock-cloudtrail", "bedrock-invocation", "litellm", "openai-costs", "anthropic-cost", "openai-audit"}) {
            assertTrue(r.out().contains(s), s + " missing from\n" + r.out());
        }
        assertTrue(TestFiles.run("--help").out().contains("ingest"));
    }

    @Test
    void misuseExitsTwoWithOneLine(@TempDir Path tmp) {
        String in = "../datasets/providers/litellm/spend_logs.jsonl";
        String rules = "../conf/secret-rules.json";
        for (String[] args : new String[][] {
                {"ingest", "--in", in, "--rules", rules},
                {"ingest", "--format", "nope", "--in", in, "--rules", rules},
                {"ingest", "--format", "litellm", "--rules", rules},
                {"ingest", "--format", "litellm", "--in", tmp.resolve("missing").toString(), "--rules", rules},
                {"ingest", "--format", "litellm", "--in", in, "--costs", in, "--rules", rules},
                {"ingest", "--format", "litellm", "--in", in, "--join-requests", in, "--rules", rules},
        }) {
            TestFiles.Result r = TestFiles.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
    }
}
