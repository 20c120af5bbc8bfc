package io.keytrail.time;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class IsoTimestampTest {

    /** Rows of fromisoformat-cases.tsv, produced by CPython 3.11.7. */
    @TestFactory
    Stream<DynamicTest> matchesPythonTable() throws IOException {
        List<String[]> rows = readTsv("/fromisoformat-cases.tsv", 5);
        assertTrue(rows.size() >= 300, "table too small: " + rows.size());
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            String input = unjson(r[0]);
            IsoTimestamp.Parsed p = IsoTimestamp.parse(input);
            if (!Boolean.parseBoolean(r[1])) {
                assertNull(p, "Python rejects " + r[0]);
                return;
            }
            assertNotNull(p, "Python accepts " + r[0]);
            assertEquals(new IsoTimestamp.Parsed(Long.parseLong(r[2]), Integer.parseInt(r[3]),
                    Boolean.parseBoolean(r[4])), p, r[0]);
        }));
    }

    /** format(parse(s)) against Python's fromisoformat(s).isoformat(), and parsing that back. */
    @TestFactory
    Stream<DynamicTest> formatsLikePythonIsoformat() throws IOException {
        List<String[]> rows = readTsv("/isoformat-roundtrip.tsv", 2);
        assertTrue(rows.size() >= 20, "round-trip table too small: " + rows.size());
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            IsoTimestamp.Parsed p = IsoTimestamp.parse(unjson(r[0]));
            assertNotNull(p);
            assertEquals(r[1], IsoTimestamp.format(p));
            assertEquals(p, IsoTimestamp.parse(r[1]));
        }));
    }

    @Test
    void localMicrosIsWallClock() {
        IsoTimestamp.Parsed p = IsoTimestamp.parse("1970-01-01T05:30:00+05:30");
        assertEquals(new IsoTimestamp.Parsed(0, 19_800, true), p);
        assertEquals(19_800_000_000L, p.localMicros());
        assertEquals("1970-01-01T05:30:00+05:30", IsoTimestamp.format(p));
        assertEquals("1969-12-31T19:00:00.000001-05:00",
                IsoTimestamp.format(new IsoTimestamp.Parsed(1, -18_000, true)));
        assertNull(IsoTimestamp.format(null));
    }

    @Test
    void subSecondOffsetKeepsTheInstant() {
        // Python: datetime(2020,1,1,12, tzinfo=timezone(-timedelta(hours=5, microseconds=500000)))
        IsoTimestamp.Parsed p = IsoTimestamp.parse("2020-01-01T12:00:00-05:00:00.5");
        assertEquals(-18_000, p.offsetSeconds());
        assertEquals(1_577_898_000_500_000L, p.epochMicros());
    }

    @Test
    void garbageNeverThrows() throws IOException {
        Random rnd = new Random(42);
        List<String> seeds = new ArrayList<>();
        for (String[] r : readTsv("/fromisoformat-cases.tsv", 5)) {
            seeds.add(unjson(r[0]));
        }
        String alphabet = "0123456789-:.,+ZTWzt \t\u0000\u00e9\u3000\uD83D\uDE00\uDC80\uD800\uFFFF";
        for (int i = 0; i < 200_000; i++) {
            String s;
            if (i % 2 == 0) {
                StringBuilder sb = new StringBuilder(seeds.get(rnd.nextInt(seeds.size())));
                for (int k = rnd.nextInt(4); k >= 0; k--) {
                    int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length());
                    char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
                    switch (rnd.nextInt(3)) {
                        case 0 -> sb.insert(at, c);
                        case 1 -> { if (sb.length() > 0) sb.deleteCharAt(at); }
                        default -> { if (sb.length() > 0) sb.setCharAt(at, c); }
                    }
                }
                s = sb.toString();
            } else {
                char[] cs = new char[rnd.nextInt(40)];
                for (int k = 0; k < cs.length; k++) {
                    cs[k] = rnd.nextBoolean() ? alphabet.charAt(rnd.nextInt(alphabet.length()))
                            : (char) rnd.nextInt(Character.MAX_VALUE + 1);
                }
                s = new String(cs);
            }
            String input = s;
            IsoTimestamp.Parsed p = assertDoesNotThrow(() -> IsoTimestamp.parse(input), input);
            if (p != null) {
                assertDoesNotThrow(() -> IsoTimestamp.format(p), input);
            }
        }
        assertNull(IsoTimestamp.parse(null));
        assertNull(IsoTimestamp.parse(""));
        assertNull(IsoTimestamp.parse("2020-01-01T12:00:00." + "9".repeat(1_000_000) + "x"));
        assertNotNull(IsoTimestamp.parse("2020-01-01T12:00:00." + "9".repeat(1_000_000)));
        assertNull(IsoTimestamp.parse("\u00e9".repeat(1_000_000)));
        // Python: YYYYWwwd, then any separator, then 11:11:11.111111 and the ignored extra digits.
        assertEquals("2019-12-30T11:11:11.111111",
                IsoTimestamp.format(IsoTimestamp.parse("2020W01" + "1".repeat(1_000_001))));
        for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0}) {
            assertDoesNotThrow(() -> IsoTimestamp.format(new IsoTimestamp.Parsed(v, Integer.MIN_VALUE, true)));
            assertDoesNotThrow(() -> IsoTimestamp.format(new IsoTimestamp.Parsed(v, Integer.MAX_VALUE, true)));
        }
    }

    private static List<String[]> readTsv(String resource, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = IsoTimestampTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertEquals(columns, f.length, line);
                rows.add(f);
            }
        }
        return rows;
    }

    /** Decodes one JSON string literal (as written by Python's json.dumps with ensure_ascii). */
    private static String unjson(String lit) {
        assertTrue(lit.length() >= 2 && lit.charAt(0) == '"' && lit.charAt(lit.length() - 1) == '"', lit);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < lit.length() - 1; i++) {
            char c = lit.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = lit.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(lit.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e); // \" \\ \/
            }
        }
        return sb.toString();
    }
}
