package io.keytrail.table;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** README.md documents every output table exactly as the writers define it. */
class ReadmeTablesTest {
    @Test
    void readmeHoldsEveryTableSchema() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        for (TableSchema<?> t : Tables.ALL) {
            assertTrue(readme.contains(TableDocs.markdown(t)),
                    "README.md is out of date for table " + t.name + "; regenerate with TableDocs.main:\n" + TableDocs.markdown(t));
        }
    }
}
