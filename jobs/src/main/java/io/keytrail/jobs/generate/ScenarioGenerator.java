package io.keytrail.jobs.generate;

import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static io.keytrail.jobs.generate.UsageGenerator.MICROS_PER_DAY;
import static io.keytrail.jobs.generate.UsageGenerator.MICROS_PER_HOUR;

/**
 * Deterministic labelled scenario sets: every key has one {@link Scenario} (an attack, a legitimate change or
 * nothing), legitimate traffic as {@code generate} makes it, and attacks as lists of records built up front so
 * that each attacker record is known. Per-request keys have IPs and user agents; bucketed keys have hourly
 * rows per model and endpoint without either, in the history too.
 */
public final class ScenarioGenerator implements DaySource {
    private static final long MINUTE = 60_000_000L;
    private static final PricingTable PRICING = PricingTable.defaults();

    public final long seed;
    public final int historyDays;
    public final int liveDays;
    public final double rate;
    public final LocalDate start;
    public final Map<Scenario, Integer> mix;
    final List<ScenarioKey> keys = new ArrayList<>();
    private final Set<UsageRecord> attackerRecords = Collections.newSetFromMap(new IdentityHashMap<>());

    public ScenarioGenerator(long seed, int historyDays, int liveDays, double rate, LocalDate start, Map<Scenario, Integer> mix) {
        this.seed = seed;
        this.historyDays = historyDays;
        this.liveDays = liveDays;
        this.rate = rate;
        this.start = start;
        this.mix = new LinkedHashMap<>(mix);
        SplittableRandom rnd = new SplittableRandom(seed);
        SplittableRandom srnd = new SplittableRandom(seed ^ 0x5ce0_a10L);
        int k = 0;
        for (Map.Entry<Scenario, Integer> e : this.mix.entrySet()) {
            for (int i = 0; i < e.getValue(); i++, k++) {
                KeyProfile p = UsageGenerator.keyProfile(k, rnd.split(), rate);
                keys.add(scenarioKey(p, e.getKey(), srnd.split()));
            }
        }
        for (ScenarioKey sk : keys) attackerRecords.addAll(sk.attack());
    }

    /** Every class, {@code perScenario} keys each, and twice that many normal per-request keys. */
    public static Map<Scenario, Integer> fullMix(int perScenario) {
        Map<Scenario, Integer> m = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) m.put(s, s == Scenario.NORMAL ? 2 * perScenario : perScenario);
        return m;
    }

    public long liveStartMicros() {
        return UsageGenerator.dayMicros(start, historyDays);
    }

    long liveEndMicros() {
        return UsageGenerator.dayMicros(start, historyDays + liveDays);
    }

    public List<ScenarioKey> keys() {
        return keys;
    }

    public boolean isAttacker(UsageRecord r) {
        return attackerRecords.contains(r);
    }

    private ScenarioKey scenarioKey(KeyProfile p, Scenario s, SplittableRandom r) {
        int lastStartDay = Math.max(1, liveDays - 2);
        long change = liveDays == 0 ? Long.MAX_VALUE
                : UsageGenerator.dayMicros(start, historyDays + r.nextInt(lastStartDay)) + r.nextLong(MICROS_PER_DAY);
        String newIp = "192.0.2." + (1 + r.nextInt(250));
        String newModel = p.provider().equals("openai") ? "gpt-4o-mini" : "claude-haiku-4";
        List<UsageRecord> attack = new ArrayList<>();
        // Changes that start with a given day rather than at a random time.
        switch (s) {
            case TRAFFIC_GROWTH -> change = liveStartMicros();
            case WEEKEND_HOLIDAY -> change = UsageGenerator.dayMicros(start, historyDays + 1);
            case DORMANT_RETURN -> change = UsageGenerator.dayMicros(start, historyDays + Math.min(2, liveDays));
            default -> { }
        }
        if (s.isAttack() && liveDays > 0) {
            if (s.bucketed) change = change / MICROS_PER_HOUR * MICROS_PER_HOUR;
            AttackBuilder a = new AttackBuilder(p, r, change, liveEndMicros());
            switch (s) {
                case BURST_EXPENSIVE -> a.burst();
                case SLOW_LEAK -> a.slowLeak();
                case PERSISTENCE -> a.persistence();
                case STEALTHY -> a.stealthy();
                case KEY_CHECKER -> a.keyChecker();
                case BUCKETED_BURST -> a.bucketedBurst();
                case BUCKETED_PERSISTENCE -> a.bucketedPersistence();
                default -> throw new IllegalStateException(s.name());
            }
            attack = a.records();
            change = attack.isEmpty() ? change : attack.get(0).tsMicros;
        }
        return new ScenarioKey(p, s, change, newIp, newModel, attack);
    }

    @Override
    public void day(int dayIndex, Consumer<UsageRecord> sink) {
        long dayStart = UsageGenerator.dayMicros(start, dayIndex);
        DayOfWeek dow = start.plusDays(dayIndex).getDayOfWeek();
        List<UsageRecord> recs = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            ScenarioKey sk = keys.get(k);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k * 7919L + dayIndex);
            List<UsageRecord> legit = legitDay(sk, dayIndex, dayStart, dow, r);
            recs.addAll(sk.scenario().bucketed ? bucket(legit) : legit);
            for (UsageRecord a : sk.attack()) {
                if (a.tsMicros >= dayStart && a.tsMicros < dayStart + MICROS_PER_DAY) recs.add(a);
            }
        }
        recs.sort(Comparator.comparingLong(x -> x.tsMicros));
        // (api_key_id, timestamp, model, endpoint) identifies a record in the truth file: keep it unique.
        Set<String> seen = new HashSet<>();
        for (UsageRecord u : recs) {
            while (!seen.add(u.apiKeyId + "|" + u.tsMicros + "|" + u.model + "|" + u.endpoint)) u.tsMicros++;
        }
        recs.sort(Comparator.comparingLong(x -> x.tsMicros));
        recs.forEach(sink);
    }

    private List<UsageRecord> legitDay(ScenarioKey sk, int dayIndex, long dayStart, DayOfWeek dow, SplittableRandom r) {
        KeyProfile p = sk.profile();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        int live = dayIndex - historyDays;
        double factor = weekend ? 0.45 : 1.0;
        switch (sk.scenario()) {
            case TRAFFIC_GROWTH -> {
                if (live >= 0) factor *= 1 + 0.25 * (live + 1);
            }
            case WEEKEND_HOLIDAY -> {
                if (weekend) factor = 0.6;
                // Two holiday weekdays early in the live period: almost nothing.
                if (!weekend && (live == 1 || live == 2)) factor = 0.05;
            }
            case DORMANT_RETURN -> {
                if (dayIndex >= Math.min(8, historyDays / 3) && dayIndex < historyDays + Math.min(2, liveDays)) factor = 0;
            }
            default -> { }
        }
        double mean = p.dailyRate() * factor;
        long n = mean <= 0 ? 0 : Math.max(0, Math.round(mean + r.nextGaussian() * Math.sqrt(Math.max(mean, 1))));
        List<UsageRecord> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            UsageRecord u = UsageGenerator.legit(p, dayStart, r);
            if (sk.scenario() == Scenario.WEEKEND_HOLIDAY && weekend && r.nextDouble() < 0.8) {
                // The weekend batch job runs at night.
                u.tsMicros = dayStart + r.nextLong(4 * MICROS_PER_HOUR);
            }
            if (sk.scenario() == Scenario.NEW_SERVER_IP && u.tsMicros >= sk.changeMicros() && r.nextBoolean()) {
                u.sourceIp = sk.newIp();
            }
            if (sk.scenario() == Scenario.MODEL_MIGRATION && u.tsMicros >= sk.changeMicros() && r.nextDouble() < 0.9) {
                u.model = sk.newModel();
                u.costUsd = cost(u.model, u.inputTokens, u.outputTokens);
            }
            out.add(u);
        }
        return out;
    }

    /** Usage-API style rows: one per hour, model and endpoint, without IP, user agent or status. */
    static List<UsageRecord> bucket(List<UsageRecord> recs) {
        Map<String, UsageRecord> rows = new LinkedHashMap<>();
        recs.sort(Comparator.comparingLong(x -> x.tsMicros));
        for (UsageRecord u : recs) {
            long hour = Math.floorDiv(u.tsMicros, MICROS_PER_HOUR) * MICROS_PER_HOUR;
            UsageRecord b = rows.get(hour + "|" + u.model + "|" + u.endpoint);
            if (b == null) {
                b = new UsageRecord();
                b.tsMicros = hour;
                b.apiKeyId = u.apiKeyId;
                b.provider = u.provider;
                b.model = u.model;
                b.endpoint = u.endpoint;
                b.requestCount = 0;
                b.costUsd = 0;
                b.bucketSeconds = 3600;
                rows.put(hour + "|" + u.model + "|" + u.endpoint, b);
            }
            b.requestCount += u.requestCount;
            b.inputTokens += u.inputTokens;
            b.outputTokens += u.outputTokens;
            b.costUsd += u.hasCost() ? u.costUsd : 0;
        }
        return new ArrayList<>(rows.values());
    }

    /** Priced from the bundled price table; NaN (a missing cost) for a model it does not know. */
    static double cost(String model, long in, long out) {
        return PRICING.cost(model, in, out);
    }

    /** The attacker's records of one attack, built in time order from the attack's start. */
    static final class AttackBuilder {
        private final KeyProfile key;
        private final SplittableRandom r;
        private final long start;
        private final long end;
        private final boolean openai;
        private final List<UsageRecord> out = new ArrayList<>();

        AttackBuilder(KeyProfile key, SplittableRandom r, long start, long end) {
            this.key = key;
            this.r = r;
            this.start = start;
            this.end = end;
            this.openai = key.provider().equals("openai");
        }

        List<UsageRecord> records() {
            out.removeIf(u -> u.tsMicros >= end);
            out.sort(Comparator.comparingLong(x -> x.tsMicros));
            return out;
        }

        private String ip(String prefix) {
            return prefix + (1 + r.nextInt(250));
        }

        private List<String> expensive() {
            return openai ? List.of("gpt-4", "gpt-4-turbo") : List.of("claude-3-opus");
        }

        private UsageRecord req(long ts, String model, String ip, String ua, long in, long outTokens) {
            UsageRecord u = new UsageRecord();
            u.tsMicros = ts;
            u.apiKeyId = key.apiKeyId();
            u.provider = key.provider();
            u.model = model;
            u.inputTokens = in;
            u.outputTokens = outTokens;
            u.endpoint = key.endpoint();
            u.sourceIp = ip;
            u.userAgent = ua;
            u.statusCode = 200;
            u.costUsd = cost(model, in, outTokens);
            out.add(u);
            return u;
        }

        /** Uniform requests over [from, to) at {@code perHour}. */
        private void steady(long from, long to, double perHour, java.util.function.LongConsumer at) {
            long n = Math.max(1, Math.round(perHour * (to - from) / (double) MICROS_PER_HOUR));
            for (long i = 0; i < n; i++) at.accept(from + (i == 0 ? 0 : r.nextLong(to - from)));
        }

        void burst() {
            List<String> ips = List.of(ip("185.220.101."), ip("45.134.140."));
            String ua = r.nextBoolean() ? "python-requests/2.31.0" : "curl/8.4.0";
            List<String> models = expensive();
            long to = start + (3 + r.nextInt(8)) * MICROS_PER_HOUR;
            steady(start, to, 40 + r.nextInt(110), ts -> req(ts, models.get(r.nextInt(models.size())),
                    ips.get(r.nextInt(ips.size())), ua, 500 + r.nextInt(6000),
                    r.nextDouble() < 0.3 ? 4001 + r.nextInt(4000) : 200 + r.nextInt(2000)));
        }

        void slowLeak() {
            String ip = ip("91.92.240.");
            String model = openai ? "gpt-4o" : "claude-3.5-sonnet";
            long to = start + (48 + r.nextInt(49)) * MICROS_PER_HOUR;
            steady(start, to, 2 + r.nextInt(3), ts -> req(ts, model, ip, "python-httpx/0.27.0",
                    300 + r.nextInt(2700), 100 + r.nextInt(1400)));
        }

        void persistence() {
            String ip = ip("185.220.101.");
            String ua = "python-requests/2.31.0";
            UsageRecord models = req(start, "", ip, ua, 0, 0);
            models.endpoint = "/v1/models";
            models.costUsd = 0;
            List<String> ends = openai ? List.of("/v1/files", "/v1/fine_tuning/jobs", "/v1/batches")
                    : List.of("/v1/files", "/v1/messages/batches");
            long t = start + 2 * MINUTE;
            for (String e : ends) {
                UsageRecord u = req(t, e.contains("fine_tuning") ? "gpt-3.5-turbo" : "", ip, ua, 0, 0);
                u.endpoint = e;
                u.costUsd = 0;
                t += (1 + r.nextInt(5)) * MINUTE;
            }
            long to = start + (12 + r.nextInt(13)) * MICROS_PER_HOUR;
            List<String> models2 = expensive();
            steady(t, to, 3 + r.nextInt(6), ts -> {
                UsageRecord u = req(ts, models2.get(r.nextInt(models2.size())), ip, ua, 500 + r.nextInt(4000), 200 + r.nextInt(1500));
                if (r.nextDouble() < 0.1) {
                    u.endpoint = ends.get(r.nextInt(ends.size()));
                    u.model = "";
                    u.inputTokens = 0;
                    u.outputTokens = 0;
                    u.costUsd = 0;
                }
            });
        }

        void stealthy() {
            String ip = ip("34.102.136.");
            long to = start + (24 + r.nextInt(49)) * MICROS_PER_HOUR;
            steady(start, to, 6 + r.nextInt(10), ts -> req(ts, key.models().get(r.nextInt(key.models().size())), ip,
                    key.userAgent(), 4000 + r.nextInt(8000), 800 + r.nextInt(2200)));
        }

        void keyChecker() {
            String ip = ip("91.92.241.");
            String ua = "aiohttp/3.9.1";
            List<String> models = openai ? List.of("gpt-4", "gpt-4o", "gpt-4-turbo", "gpt-3.5-turbo", "o1")
                    : List.of("claude-3-opus", "claude-3.5-sonnet", "claude-3.5-haiku", "claude-sonnet-4", "claude-opus-4");
            long t = start;
            for (int i = 0; i < models.size(); i++) {
                // max_tokens -1 on the first model (a 400 that says the key works), max_tokens 1 on the others.
                UsageRecord u = req(t, models.get(i), ip, ua, 8 + r.nextInt(30), i == 0 ? 0 : 1);
                if (i == 0) {
                    u.statusCode = 400;
                    u.errorCode = "invalid_request_error";
                    u.costUsd = 0;
                }
                t += 500_000L + r.nextLong(2_000_000L);
            }
            long period = (55 + r.nextInt(40)) * MINUTE;
            long to = start + (24 + r.nextInt(25)) * MICROS_PER_HOUR;
            for (long ts = start + period; ts < to; ts += period + r.nextLong(MINUTE)) {
                req(ts, models.get(0), ip, ua, 8 + r.nextInt(30), 1);
            }
        }

        private UsageRecord bucketRow(long hour, String model, String endpoint, long requests, long in, long outTokens) {
            UsageRecord u = req(hour, model, null, null, in, outTokens);
            u.endpoint = endpoint;
            u.statusCode = UsageRecord.NO_STATUS;
            u.requestCount = requests;
            u.bucketSeconds = 3600;
            u.costUsd = model.isEmpty() ? 0 : cost(model, in, outTokens);
            return u;
        }

        void bucketedBurst() {
            List<String> models = expensive();
            int hours = 3 + r.nextInt(6);
            for (int h = 0; h < hours; h++) {
                long n = 50 + r.nextInt(250);
                bucketRow(start + h * MICROS_PER_HOUR, models.get(h % models.size()), key.endpoint(), n,
                        n * (500 + r.nextInt(5000)), n * (200 + r.nextInt(2500)));
            }
        }

        void bucketedPersistence() {
            List<String> ends = openai ? List.of("/v1/files", "/v1/fine_tuning/jobs", "/v1/batches")
                    : List.of("/v1/files", "/v1/messages/batches");
            for (String e : ends) bucketRow(start, e.contains("fine_tuning") ? "gpt-3.5-turbo" : "", e, 1 + r.nextInt(3), 0, 0);
            List<String> models = expensive();
            int hours = 6 + r.nextInt(7);
            for (int h = 0; h < hours; h++) {
                long n = 10 + r.nextInt(30);
                bucketRow(start + h * MICROS_PER_HOUR, models.get(0), key.endpoint(), n, n * (500 + r.nextInt(3000)),
                        n * (200 + r.nextInt(1200)));
            }
        }
    }
}
