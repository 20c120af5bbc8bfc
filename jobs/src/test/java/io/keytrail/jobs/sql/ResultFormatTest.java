package io.keytrail.jobs.sql;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user agent from hostile input must not drive the analyst's terminal through `sql`'s output. */
class ResultFormatTest {
    static String print(String format, Object value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ResultFormat.print(new PrintStream(b, true, StandardCharsets.UTF_8), format, List.of("user_agent"), List.<Object[]>of(new Object[]{value}));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapeSequencesAndControlCharactersNeverReachTheTerminal() {
        String hostile = "curl\u001b]0;owned\u0007\u001b[2J\u009b31m\r\nfake row\u202e";
        for (String format : List.of("table", "csv", "json")) {
            String out = print(format, hostile);
            assertFalse(out.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == '\r' || c == 0x202e), format + ": " + out);
            assertTrue(out.contains("curl"), out);
            assertFalse(out.contains("\nfake row"), format + ": no forged line");
        }
    }
}
