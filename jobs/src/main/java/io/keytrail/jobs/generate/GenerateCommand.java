package io.keytrail.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.model.UsageRecord;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.Tables;
import io.keytrail.time.IsoTimestamp;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** `keytrail generate`: deterministic synthetic usage with injected compromises and a ground-truth file. */
public final class GenerateCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "Write deterministic synthetic usage (history/ and live/ Parquet) with injected compromises and truth.json.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("out", "DIR", "generated", "output directory (history/, live/, truth.json are replaced)")
                .value("keys", "N", "20", "number of API keys")
                .value("history-days", "D", "30", "days of history (baseline period)")
                .value("live-days", "L", "7", "days of live usage after the history (where compromises happen)")
                .value("seed", "S", "42", "random seed: the same seed and options give the same files")
                .value("rate", "R", "100", "mean requests per key per weekday")
                .value("records", "N", null, "target total records (sets --rate)")
                .value("compromised", "N", null, "number of compromised keys (default: a fifth of the keys, at least 2)")
                .value("start", "YYYY-MM-DD", "2026-01-05", "first history day (UTC)")
                .value("file-rows", "N", "1000000", "rows per Parquet file at most")
                .value("hot-key-share", "S", "0", "share of all legitimate usage on one key (the last), 0 to below 1: a skew test")
                .flag("scenarios", "labelled scenario set instead: every attack and legitimate-change class (see README), --keys and --compromised ignored")
                .value("per-scenario", "N", "3", "with --scenarios: keys per class (normal per-request keys: twice as many)")
                .value("mix", "CLASS=N,...", null, "with --scenarios: key counts per class instead of --per-scenario (e.g. stealthy=5,new_server_ip=5,normal=10)");
    }

    @Override
    public int run(Options o) throws Exception {
        int keys = o.intValue("keys", 1);
        int historyDays = o.intValue("history-days", 1);
        int liveDays = o.intValue("live-days", 0);
        long seed = o.longValue("seed", Long.MIN_VALUE);
        long fileRows = o.longValue("file-rows", 1);
        double rate;
        try {
            rate = Double.parseDouble(o.get("rate"));
        } catch (NumberFormatException e) {
            throw new UsageException("generate: --rate must be a number");
        }
        double hotShare;
        try {
            hotShare = Double.parseDouble(o.get("hot-key-share"));
        } catch (NumberFormatException e) {
            hotShare = -1;
        }
        if (!(hotShare >= 0 && hotShare < 1)) throw new UsageException("generate: --hot-key-share must be a number from 0 to below 1");
        if (o.has("records")) {
            long target = o.longValue("records", 1);
            // Weekends run at 0.45 of weekdays: 5 + 2 * 0.45 = 5.9 weekday-equivalents per week.
            // With a hot key, the other keys carry (1 - share) of the target.
            int regular = hotShare > 0 && keys > 1 ? keys - 1 : keys;
            rate = target * (regular == keys ? 1 : 1 - hotShare) / (regular * (historyDays + liveDays) * (5.9 / 7.0));
        }
        int compromised = o.has("compromised") ? o.intValue("compromised", 0) : Math.max(2, keys / 5);
        LocalDate start;
        try {
            start = LocalDate.parse(o.get("start"));
        } catch (Exception e) {
            throw new UsageException("generate: --start must be YYYY-MM-DD");
        }
        java.nio.file.Path dir = java.nio.file.Path.of(o.get("out"));
        if (o.flag("scenarios")) {
            Map<Scenario, Integer> mix = o.has("mix") ? parseMix(o.get("mix")) : ScenarioGenerator.fullMix(o.intValue("per-scenario", 1));
            return runScenarios(new ScenarioGenerator(seed, historyDays, liveDays, rate, start, mix), dir, fileRows);
        }
        UsageGenerator g = new UsageGenerator(seed, keys, historyDays, liveDays, rate, compromised, start, hotShare);
        long t0 = System.nanoTime();
        long history = writeDays(g, dir.resolve("history"), 0, historyDays, fileRows, r -> { });
        Map<String, Compromise> byKey = new HashMap<>();
        for (Compromise c : g.compromises()) byKey.put(c.apiKeyId(), c);
        Map<String, long[]> attackerCounts = new HashMap<>();
        long live;
        try (TruthRecords labels = new TruthRecords(dir.resolve(TruthRecords.FILE))) {
            live = writeDays(g, dir.resolve("live"), historyDays, historyDays + liveDays, fileRows, r -> {
                Compromise c = byKey.get(r.apiKeyId);
                if (c != null && c.attackerIps().contains(r.sourceIp) && r.tsMicros >= c.startMicros() && r.tsMicros < c.endMicros()) {
                    attackerCounts.computeIfAbsent(r.apiKeyId, k -> new long[1])[0]++;
                    labels.add(r, c.scenario());
                }
            });
        }
        writeTruth(g, dir.resolve("truth.json"), attackerCounts, o);
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf("generated %,d history + %,d live records for %d keys (%d compromised) in %s (%.1f s)%n",
                history, live, keys, g.compromises().size(), dir, secs);
        return 0;
    }

    private int runScenarios(ScenarioGenerator g, java.nio.file.Path dir, long fileRows) throws IOException {
        long t0 = System.nanoTime();
        long history = writeDays(g, dir.resolve("history"), 0, g.historyDays, fileRows, r -> { });
        Map<String, ScenarioKey> byKey = new HashMap<>();
        for (ScenarioKey k : g.keys()) byKey.put(k.profile().apiKeyId(), k);
        long live;
        long labelled;
        try (TruthRecords labels = new TruthRecords(dir.resolve(TruthRecords.FILE))) {
            live = writeDays(g, dir.resolve("live"), g.historyDays, g.historyDays + g.liveDays, fileRows, r -> {
                if (g.isAttacker(r)) labels.add(r, byKey.get(r.apiKeyId).scenario().wire());
            });
            labelled = labels.count();
        }
        ScenarioTruth.write(g, dir.resolve("truth.json"));
        long attacks = g.keys().stream().filter(k -> k.scenario().isAttack()).count();
        out.printf("generated %,d history + %,d live records for %d keys (%d attacked, %,d attacker records) in %s (%.1f s)%n",
                history, live, g.keys().size(), attacks, labelled, dir, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** {@code class=N,...} with every class known and every count at least 0. */
    static Map<Scenario, Integer> parseMix(String spec) throws UsageException {
        Map<Scenario, Integer> mix = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            Scenario s = kv.length == 2 ? Scenario.of(kv[0].trim()) : null;
            if (s == null) throw new UsageException("generate: --mix wants CLASS=N,... with classes " + java.util.Arrays.stream(Scenario.values()).map(Scenario::wire).toList());
            try {
                int n = Integer.parseInt(kv[1].trim());
                if (n < 0) throw new NumberFormatException();
                mix.put(s, n);
            } catch (NumberFormatException e) {
                throw new UsageException("generate: --mix count for " + kv[0].trim() + " must be a whole number >= 0");
            }
        }
        return mix;
    }

    private long writeDays(DaySource g, java.nio.file.Path dir, int from, int to, long fileRows,
                           java.util.function.Consumer<UsageRecord> written) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        ParquetRowWriter<UsageRecord> factory = new ParquetRowWriter<>(Tables.USAGE);
        long[] total = {0};
        int[] part = {0};
        long[] inFile = {0};
        ParquetWriter<UsageRecord>[] w = new ParquetWriter[] {null};
        long lastReport = System.nanoTime();
        for (int d = from; d < to; d++) {
            g.day(d, r -> {
                try {
                    if (w[0] == null || inFile[0] >= fileRows) {
                        if (w[0] != null) w[0].close();
                        w[0] = factory.openFile(new Path(dir.resolve(String.format("part-%05d.parquet", part[0]++)).toUri()));
                        inFile[0] = 0;
                    }
                    w[0].write(r);
                    inFile[0]++;
                    total[0]++;
                    written.accept(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                err.printf("  ... %s: day %d of %d, %,d records%n", dir.getFileName(), d - from + 1, to - from, total[0]);
                lastReport = System.nanoTime();
            }
        }
        if (w[0] != null) w[0].close();
        return total[0];
    }

    private void writeTruth(UsageGenerator g, java.nio.file.Path file, Map<String, long[]> attackerCounts, Options o) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", "keytrail-truth/1");
        root.put("records_file", TruthRecords.FILE);
        root.put("doc", "A record is an attacker record when its api_key_id is a compromised key, its timestamp is at or after"
                + " that compromise's start and before its end, and its source_ip is one of attacker_ips.");
        ObjectNode params = root.putObject("generator");
        params.put("seed", g.seed);
        params.put("keys", g.keys);
        params.put("history_days", g.historyDays);
        params.put("live_days", g.liveDays);
        params.put("rate", g.rate);
        params.put("start", g.start.toString());
        if (g.hotKeyShare > 0) params.put("hot_key_share", g.hotKeyShare);
        params.put("live_start", iso(g.liveStartMicros()));
        ArrayNode comps = root.putArray("compromises");
        for (Compromise c : g.compromises()) {
            ObjectNode n = comps.addObject();
            n.put("api_key_id", c.apiKeyId());
            n.put("scenario", c.scenario());
            n.put("start", iso(c.startMicros()));
            n.put("end", iso(c.endMicros()));
            ArrayNode ips = n.putArray("attacker_ips");
            c.attackerIps().forEach(ips::add);
            ArrayNode uas = n.putArray("attacker_user_agents");
            c.userAgents().forEach(uas::add);
            ArrayNode ms = n.putArray("attacker_models");
            c.models().forEach(ms::add);
            long[] cnt = attackerCounts.get(c.apiKeyId());
            n.put("attacker_records", cnt == null ? 0 : cnt[0]);
        }
        ArrayNode keys = root.putArray("keys");
        for (KeyProfile p : g.keyProfiles()) {
            ObjectNode n = keys.addObject();
            n.put("api_key_id", p.apiKeyId());
            n.put("provider", p.provider());
            n.put("compromised", g.compromises().stream().anyMatch(c -> c.apiKeyId().equals(p.apiKeyId())));
        }
        Files.writeString(file, json.writeValueAsString(root));
    }

    static String iso(long micros) {
        return IsoTimestamp.format(new IsoTimestamp.Parsed(micros, 0, true));
    }

    /** Deletes a directory tree (nothing when absent). */
    public static void deleteTree(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
