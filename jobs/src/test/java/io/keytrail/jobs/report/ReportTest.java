package io.keytrail.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.TestFiles;
import io.keytrail.jobs.generate.GeneratedData;
import io.keytrail.jobs.oracle.SeedRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports from a real sweep: the seed's sections, valid STIX 2.1, an HTML page Chromium renders, no injection. */
class ReportTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final Pattern STIX_ID = Pattern.compile("^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    static final String HOSTILE_UA = "<script>alert(1)</script>\u001b[31mred";

    @TempDir
    static Path tmp;
    static Path reports;

    @BeforeAll
    static void sweepAndReport() throws Exception {
        GeneratedData.write(tmp.resolve("data"), 10, 10, 4);
        // A hostile attacker user agent on a key of its own, with an analyst-given compromise start.
        List<SeedRecord> hist = new ArrayList<>(), live = new ArrayList<>();
        for (int d = 1; d <= 9; d++) {
            for (int i = 0; i < 20; i++) {
                hist.add(new SeedRecord(String.format("2026-01-%02dT1%d:%02d:00+00:00", d, i % 8, i), "key_hostile", "gpt-4o",
                        100, 100, "/v1/chat/completions", "10.1.1.1", "app/1.0", 200, 0.01));
            }
        }
        for (int i = 0; i < 30; i++) {
            live.add(new SeedRecord(String.format("2026-01-15T03:%02d:00+00:00", i), "key_hostile", "gpt-4", 900, 900,
                    "/v1/chat/completions", "203.0.113.66", HOSTILE_UA, 200, 0.5));
        }
        TestFiles.writeJsonl(tmp.resolve("data/history/hostile.jsonl"), hist);
        TestFiles.writeJsonl(tmp.resolve("data/live/hostile.jsonl"), live);
        Path out = tmp.resolve("out");
        TestFiles.Result r = TestFiles.run("sweep", "--history", tmp.resolve("data/history").toString(),
                "--archive", tmp.resolve("data/live").toString(), "--out", out.toString(), "--parallelism", "2",
                "--compromise-start", "key_hostile=2026-01-15T03:00:00Z");
        assertEquals(0, r.code(), r.err());
        reports = tmp.resolve("reports");
        TestFiles.Result rep = TestFiles.run("report", "--from", out.toString(), "--out", reports.toString());
        assertEquals(0, rep.code(), rep.err());
        assertFalse(rep.out().contains("\u001b"), "no terminal escapes on stdout");
    }

    static List<Path> files(String suffix) throws Exception {
        try (var s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void textReportHasTheSeedsSectionsInOrder() throws Exception {
        List<Path> txt = files(".txt").stream().filter(p -> !p.toString().endsWith(".support-note.txt")).toList();
        assertTrue(txt.size() >= 3, "one report per incident: " + txt);
        for (Path p : txt) {
            String s = Files.readString(p);
            int last = -1;
            for (String section : List.of("API KEY COMPROMISE - FORENSIC INVESTIGATION REPORT", "Compromised Key: ...", "Provider: ",
                    "Data Exposure Risk: ", "Financial Exposure: ", "SCOPE FINDINGS:", "ATTACKER ACTIONS: ", "FINANCIAL IMPACT:",
                    "  Total attacker cost: $", "  Total tokens consumed: ", "REMEDIATION CHECKLIST:", "POST-INCIDENT REVIEW:")) {
                int at = s.indexOf(section);
                assertTrue(at > last, section + " missing or out of order in " + p);
                last = at;
            }
            assertTrue(s.contains("Rotate the key now"), "remediation starts with rotation");
            assertTrue(s.contains("(1.5x: slow leaks)") && s.contains("(10x: large-scale abuse)"));
        }
        assertEquals(txt.size(), files(".support-note.txt").size());
        assertEquals(txt.size(), files(".md").size());
    }

    @Test
    void stixBundleHasWhatStix21RequiresOfEachObject() throws Exception {
        JsonNode bundle = new ObjectMapper().readTree(reports.resolve("iocs.stix.json").toFile());
        assertEquals("bundle", bundle.get("type").asText());
        assertTrue(STIX_ID.matcher(bundle.get("id").asText()).matches());
        Set<String> ids = new HashSet<>();
        int indicators = 0, incidents = 0, relationships = 0;
        for (JsonNode o : bundle.get("objects")) {
            String type = o.get("type").asText();
            assertEquals("2.1", o.get("spec_version").asText(), type);
            assertTrue(STIX_ID.matcher(o.get("id").asText()).matches(), o.get("id").asText());
            assertTrue(o.get("id").asText().startsWith(type + "--"));
            assertTrue(o.hasNonNull("created") && o.hasNonNull("modified"));
            assertTrue(ids.add(o.get("id").asText()), "ids are unique");
            switch (type) {
                case "indicator" -> {
                    indicators++;
                    assertTrue(o.get("pattern").asText().startsWith("[") && o.get("pattern").asText().endsWith("]"));
                    assertEquals("stix", o.get("pattern_type").asText());
                    assertTrue(o.get("valid_from").asText().endsWith("Z"));
                }
                case "incident" -> {
                    incidents++;
                    assertTrue(o.hasNonNull("name"));
                }
                case "relationship" -> relationships++;
                case "identity" -> assertTrue(o.hasNonNull("name"));
                default -> throw new AssertionError("unexpected " + type);
            }
        }
        for (JsonNode o : bundle.get("objects")) {
            if (!o.get("type").asText().equals("relationship")) continue;
            assertEquals("indicates", o.get("relationship_type").asText());
            assertTrue(ids.contains(o.get("source_ref").asText()) && ids.contains(o.get("target_ref").asText()));
        }
        assertTrue(incidents >= 3 && indicators >= incidents);
        assertEquals(indicators, relationships);
        long csvRows = Files.readAllLines(reports.resolve("iocs.csv")).size() - 1;
        assertEquals(indicators, csvRows, "the CSV and the bundle hold the same IOCs");
    }

    @Test
    void hostileTextIsNeutralisedEverywhere() throws Exception {
        boolean found = false;
        try (var s = Files.list(reports)) {
            for (Path p : s.toList()) {
                String text = Files.readString(p);
                assertFalse(text.contains("\u001b"), "ANSI escape in " + p);
                String name = p.getFileName().toString();
                if (name.endsWith(".html") || name.endsWith(".md")) {
                    // Pages render markup: the attacker's text must arrive as text.
                    assertFalse(text.contains("<script>"), "raw script tag in " + p);
                    found |= text.contains("&lt;script&gt;alert(1)&lt;/script&gt;?[31mred");
                }
            }
        }
        assertTrue(found, "the hostile user agent is shown, escaped");
    }

    @Test
    void htmlRendersInHeadlessChromium() throws Exception {
        Path html = files(".html").get(0);
        Path png = tmp.resolve("shot.png");
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chrome-profile"), "--window-size=1100,1300", "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "a PNG was written: " + Files.readString(tmp.resolve("chromium.log")));
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) nonWhite++;
            }
        }
        assertTrue(colours.size() > 50, "a page with text and a chart, not a blank one: " + colours.size() + " colours");
        assertTrue(nonWhite > img.getWidth() * img.getHeight() / 4 / 50, "more than 2% of the page is drawn");
    }
}
