package io.keytrail.jobs.generate;

import io.keytrail.jobs.TestFiles;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writes a small generated dataset (history/, live/, truth.json) for tests. */
public final class GeneratedData {
    private GeneratedData() {}

    public static void write(Path dir, int keys, int historyDays, int liveDays) {
        TestFiles.Result r = TestFiles.run("generate", "--out", dir.toString(), "--keys", String.valueOf(keys),
                "--history-days", String.valueOf(historyDays), "--live-days", String.valueOf(liveDays), "--rate", "40");
        assertEquals(0, r.code(), r.err());
    }
}
