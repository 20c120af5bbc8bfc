package io.keytrail.jobs.report;

import io.keytrail.investigate.OrgSettings;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** `keytrail report`: per incident a text, Markdown and HTML report and a support note; IOCs as CSV and STIX 2.1. */
public final class ReportCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "Write forensic reports (txt, md, self-contained html), remediation, review, support notes and IOCs (csv, STIX 2.1) from a sweep's output.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("from", "OUT", "out", "a sweep's output directory")
                .value("out", "DIR", "OUT/reports", "where the reports go")
                .value("key", "ID", null, "only the incident of this api_key_id")
                .value("org", "FILE", "conf/org.json", "organisation settings: key holders, spend limits, investigation cost");
    }

    @Override
    public int run(Options o) throws Exception {
        Path from = Path.of(o.get("from"));
        if (!Files.isDirectory(from.resolve("incidents"))) {
            throw new UsageException("report: no incidents table under " + from + " (run `keytrail sweep --out " + from + "` first)");
        }
        Path dir = o.has("out") ? Path.of(o.get("out")) : from.resolve("reports");
        Path orgFile = Path.of(Home.resolve(o.get("org")));
        OrgSettings org = Files.isRegularFile(orgFile) ? OrgSettings.load(orgFile) : OrgSettings.empty();
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(from.toAbsolutePath().toUri());

        Map<String, Map<String, Object>> incidents = TableRows.latest(TableRows.read(new org.apache.flink.core.fs.Path(root, "incidents")), "incident_id");
        Map<String, Map<String, Object>> scopes = TableRows.latest(TableRows.read(new org.apache.flink.core.fs.Path(root, "scope")), "incident_id");
        Map<String, List<Map<String, Object>>> timelines = new HashMap<>();
        for (Map<String, Object> t : TableRows.read(new org.apache.flink.core.fs.Path(root, "timelines"))) {
            timelines.computeIfAbsent((String) t.get("incident_id"), k -> new ArrayList<>()).add(t);
        }
        Map<String, Map<String, Object>> baselines = new HashMap<>();
        for (Map<String, Object> b : TableRows.read(new org.apache.flink.core.fs.Path(root, "baselines"))) baselines.put((String) b.get("api_key_id"), b);
        Map<String, List<Map<String, Object>>> hourly = new HashMap<>();
        for (Map<String, Object> h : TableRows.read(new org.apache.flink.core.fs.Path(root, "usage_hourly"))) {
            if (incidents.values().stream().anyMatch(i -> i.get("api_key_id").equals(h.get("api_key_id")))) {
                hourly.computeIfAbsent((String) h.get("api_key_id"), k -> new ArrayList<>()).add(h);
            }
        }
        List<Map<String, Object>> iocs = TableRows.read(new org.apache.flink.core.fs.Path(root, "iocs"));

        List<IncidentView> views = new ArrayList<>();
        for (Map<String, Object> inc : incidents.values()) {
            String key = (String) inc.get("api_key_id");
            if (o.has("key") && !o.get("key").equals(key)) continue;
            List<Map<String, Object>> tl = timelines.getOrDefault((String) inc.get("incident_id"), List.of());
            tl = tl.stream().sorted(Comparator.comparingLong(m -> ((Number) m.get("seq")).longValue())).toList();
            List<Map<String, Object>> hrs = hourly.getOrDefault(key, List.of()).stream()
                    .sorted(Comparator.comparingLong(m -> Text.micros(m.get("hour")))).toList();
            views.add(new IncidentView(inc, scopes.get((String) inc.get("incident_id")), tl, baselines.get(key), hrs,
                    org.forKey(key, (String) inc.get("api_key_fingerprint")), org));
        }
        if (o.has("key") && views.isEmpty()) throw new UsageException("report: no incident for --key " + o.get("key"));
        views.sort(Comparator.comparing(IncidentView::key));
        Files.createDirectories(dir);
        for (IncidentView v : views) {
            String base = v.shortId();
            write(dir.resolve(base + ".txt"), ForensicReport.text(v));
            write(dir.resolve(base + ".md"), ReportMarkdown.render(v));
            write(dir.resolve(base + ".html"), ReportHtml.render(v));
            write(dir.resolve(base + ".support-note.txt"), Remediation.supportNote(v));
        }
        List<String> ids = views.stream().map(IncidentView::id).toList();
        List<Map<String, Object>> kept = iocs.stream().filter(i -> ids.contains((String) i.get("incident_id")))
                .sorted(Comparator.comparing((Map<String, Object> i) -> (String) i.get("incident_id")).thenComparing(i -> (String) i.get("ioc_id"))).toList();
        write(dir.resolve("iocs.csv"), IocCsv.render(kept));
        String created = StixBundle.stixTime(Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli() * 1000);
        write(dir.resolve("iocs.stix.json"), StixBundle.render(views, kept, created));
        out.printf("wrote %d incident report(s) (txt, md, html, support note) and %d IOCs (iocs.csv, iocs.stix.json) to %s%n",
                views.size(), kept.size(), dir);
        for (IncidentView v : views) {
            out.printf("  %s  %-28s %-8s %,8d attacker requests  %s%n", v.shortId(), Text.plain(v.key()), v.incident().get("severity"),
                    ((Number) v.incident().get("attacker_requests")).longValue(), Text.money(v.attackerCost()));
        }
        return 0;
    }

    private static void write(Path p, String s) throws java.io.IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }
}
