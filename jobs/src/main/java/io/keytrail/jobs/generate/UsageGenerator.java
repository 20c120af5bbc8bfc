package io.keytrail.jobs.generate;

import io.keytrail.model.UsageRecord;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic synthetic usage: legitimate keys with weekly and daily rhythms, plus injected
 * compromises in the live period. The same parameters always give the same records, in time order.
 */
public final class UsageGenerator implements DaySource {
    static final long MICROS_PER_HOUR = 3_600_000_000L;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    /** The seed's MODEL_COSTS, USD per 1K tokens {input, output}. */
    static final Map<String, double[]> PRICES = Map.of(
            "gpt-4", new double[] {0.03, 0.06},
            "gpt-4-turbo", new double[] {0.01, 0.03},
            "gpt-4o", new double[] {0.005, 0.015},
            "gpt-3.5-turbo", new double[] {0.0005, 0.0015},
            "claude-3-opus", new double[] {0.015, 0.075},
            "claude-3.5-sonnet", new double[] {0.003, 0.015},
            "claude-3.5-haiku", new double[] {0.0008, 0.004});

    public final long seed;
    public final int keys;
    public final int historyDays;
    public final int liveDays;
    public final double rate;
    public final int compromised;
    public final LocalDate start;
    public final double hotKeyShare;
    final List<KeyProfile> profiles = new ArrayList<>();
    final List<Compromise> compromises = new ArrayList<>();
    private final Map<String, KeyProfile> byId = new java.util.HashMap<>();

    public UsageGenerator(long seed, int keys, int historyDays, int liveDays, double rate, int compromised, LocalDate start) {
        this(seed, keys, historyDays, liveDays, rate, compromised, start, 0);
    }

    /**
     * {@code hotKeyShare} in [0, 1): the last key gets that share of all legitimate usage (a skew test for
     * parallel runs); the last key is never one of the compromised ones when there are more keys than those.
     */
    public UsageGenerator(long seed, int keys, int historyDays, int liveDays, double rate, int compromised, LocalDate start,
                          double hotKeyShare) {
        this.seed = seed;
        this.keys = keys;
        this.historyDays = historyDays;
        this.liveDays = liveDays;
        this.rate = rate;
        this.compromised = Math.min(compromised, keys);
        this.start = start;
        this.hotKeyShare = hotKeyShare;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < keys; k++) profiles.add(keyProfile(k, rnd.split(), rate));
        if (hotKeyShare > 0 && keys > 1) {
            double others = profiles.subList(0, keys - 1).stream().mapToDouble(KeyProfile::dailyRate).sum();
            KeyProfile h = profiles.get(keys - 1);
            profiles.set(keys - 1, new KeyProfile(h.apiKeyId(), h.provider(), h.models(), h.ips(), h.userAgent(), h.endpoint(),
                    others * hotKeyShare / (1 - hotKeyShare), h.peakStartHour(), h.peakEndHour()));
        }
        for (KeyProfile p : profiles) byId.put(p.apiKeyId(), p);
        SplittableRandom crnd = new SplittableRandom(seed ^ 0x5eed_c0deL);
        // Spread the compromised keys evenly so small runs still contain several.
        for (int i = 0; i < this.compromised && liveDays > 0; i++) {
            int k = (int) ((long) i * keys / this.compromised);
            compromises.add(compromise(profiles.get(k), i, crnd.split()));
        }
    }

    public long liveStartMicros() {
        return dayMicros(historyDays);
    }

    long dayMicros(int dayIndex) {
        return dayMicros(start, dayIndex);
    }

    static long dayMicros(LocalDate start, int dayIndex) {
        return start.plusDays(dayIndex).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    /** One legitimate key: provider by position, models, 1 to 3 server IPs, an SDK user agent, working hours. */
    static KeyProfile keyProfile(int k, SplittableRandom r, double rate) {
        boolean openai = k % 3 != 2;
        String id = openai ? String.format("key_%016x", r.nextLong()) : String.format("apikey_01%014x", r.nextLong() >>> 8);
        List<String> models = openai
                ? (r.nextInt(3) == 0 ? List.of("gpt-3.5-turbo", "gpt-4o") : List.of("gpt-3.5-turbo"))
                : (r.nextInt(3) == 0 ? List.of("claude-3.5-haiku", "claude-3.5-sonnet") : List.of("claude-3.5-haiku"));
        List<String> ips = new ArrayList<>();
        int nIps = 1 + r.nextInt(3);
        for (int i = 0; i < nIps; i++) ips.add((r.nextBoolean() ? "203.0.113." : "198.51.100.") + (1 + r.nextInt(250)));
        String ua = openai ? "openai-python/1." + (30 + r.nextInt(30)) + ".0" : "anthropic-sdk-python/0." + (20 + r.nextInt(20)) + ".0";
        String endpoint = openai ? "/v1/chat/completions" : "/v1/messages";
        double dailyRate = rate * Math.exp(r.nextGaussian() * 0.6);
        int peakStart = 6 + r.nextInt(4);
        return new KeyProfile(id, openai ? "openai" : "anthropic", models, ips, ua, endpoint, dailyRate, peakStart, peakStart + 10);
    }

    private Compromise compromise(KeyProfile key, int i, SplittableRandom r) {
        boolean persistence = i % 2 == 1;
        int day = historyDays + r.nextInt(Math.max(1, liveDays - 1));
        long startMicros = dayMicros(day) + r.nextLong(20 * MICROS_PER_HOUR);
        long endMicros = Math.min(dayMicros(historyDays + liveDays), startMicros + (12 + r.nextInt(36)) * MICROS_PER_HOUR);
        List<String> ips = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int j = 0; j < n; j++) ips.add("185.220.101." + (1 + r.nextInt(250)));
        List<String> models = key.provider().equals("openai") ? List.of("gpt-4", "gpt-4-turbo") : List.of("claude-3-opus");
        double perHour = Math.max(2.0, key.dailyRate() / 24.0 * (6 + r.nextInt(15)));
        return new Compromise(key.apiKeyId(), persistence ? "probe_persist_exfil" : "burst_expensive_models",
                startMicros, endMicros, ips, List.of(r.nextBoolean() ? "python-requests/2.31.0" : "curl/8.4.0"), models,
                perHour, persistence);
    }

    /** Emits every record of one day (history and live days are numbered from 0), in time order. */
    @Override
    public void day(int dayIndex, Consumer<UsageRecord> sink) {
        List<UsageRecord> recs = new ArrayList<>();
        long dayStart = dayMicros(dayIndex);
        int dow = start.plusDays(dayIndex).getDayOfWeek().getValue();
        for (int k = 0; k < profiles.size(); k++) {
            KeyProfile p = profiles.get(k);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k * 7919L + dayIndex);
            double mean = p.dailyRate() * (dow >= 6 ? 0.45 : 1.0);
            long n = Math.max(0, Math.round(mean + r.nextGaussian() * Math.sqrt(Math.max(mean, 1))));
            for (long i = 0; i < n; i++) recs.add(legit(p, dayStart, r));
        }
        for (Compromise c : compromises) {
            long from = Math.max(c.startMicros(), dayStart), to = Math.min(c.endMicros(), dayStart + MICROS_PER_DAY);
            if (from >= to) continue;
            SplittableRandom r = new SplittableRandom(seed * 31L + c.startMicros() + dayIndex);
            long n = Math.max(1, Math.round(c.ratePerHour() * (to - from) / (double) MICROS_PER_HOUR));
            for (long i = 0; i < n; i++) {
                long ts = from + r.nextLong(to - from);
                recs.add(attacker(c, ts, r, false));
            }
            if (from == c.startMicros()) {
                // Key-checker probes right at the start: tiny requests, then (persistence) file and fine-tune calls.
                for (int i = 0; i < 3; i++) recs.add(attacker(c, c.startMicros() + i * 20_000_000L, r, true));
                if (c.persistence()) {
                    UsageRecord f = attacker(c, c.startMicros() + 15 * 60_000_000L, r, false);
                    f.endpoint = "/v1/files";
                    recs.add(f);
                    UsageRecord ft = attacker(c, c.startMicros() + 40 * 60_000_000L, r, false);
                    ft.endpoint = "/v1/fine_tuning/jobs";
                    recs.add(ft);
                }
            }
        }
        recs.sort(Comparator.comparingLong(x -> x.tsMicros));
        recs.forEach(sink);
    }

    /** One legitimate request of the key on the day starting at {@code dayStart}: 93% in its working hours. */
    static UsageRecord legit(KeyProfile p, long dayStart, SplittableRandom r) {
        UsageRecord u = new UsageRecord();
        int hour = r.nextDouble() < 0.93 ? p.peakStartHour() + r.nextInt(p.peakEndHour() - p.peakStartHour()) : r.nextInt(24);
        u.tsMicros = dayStart + hour * MICROS_PER_HOUR + r.nextLong(MICROS_PER_HOUR);
        u.apiKeyId = p.apiKeyId();
        u.provider = p.provider();
        u.model = p.models().get(r.nextInt(p.models().size()));
        u.inputTokens = 60 + (long) (-Math.log(1 - r.nextDouble()) * 600);
        u.outputTokens = 10 + (long) (-Math.log(1 - r.nextDouble()) * 250);
        u.endpoint = p.endpoint();
        u.sourceIp = p.ips().get(r.nextInt(p.ips().size()));
        u.userAgent = p.userAgent();
        double s = r.nextDouble();
        u.statusCode = s < 0.985 ? 200 : s < 0.995 ? 429 : 500;
        u.costUsd = price(u.model, u.inputTokens, u.outputTokens);
        return u;
    }

    private UsageRecord attacker(Compromise c, long ts, SplittableRandom r, boolean probe) {
        UsageRecord u = new UsageRecord();
        KeyProfile p = byId.get(c.apiKeyId());
        u.tsMicros = ts;
        u.apiKeyId = c.apiKeyId();
        u.provider = p.provider();
        u.model = c.models().get(r.nextInt(c.models().size()));
        if (probe) {
            u.inputTokens = 5 + r.nextInt(20);
            u.outputTokens = 1 + r.nextInt(10);
        } else {
            u.inputTokens = 500 + r.nextInt(6000);
            u.outputTokens = r.nextDouble() < 0.3 ? 4001 + r.nextInt(4000) : 200 + r.nextInt(2000);
        }
        u.endpoint = p.endpoint();
        u.sourceIp = c.attackerIps().get(r.nextInt(c.attackerIps().size()));
        u.userAgent = c.userAgents().get(0);
        u.statusCode = 200;
        u.costUsd = price(u.model, u.inputTokens, u.outputTokens);
        return u;
    }

    static double price(String model, long in, long out) {
        double[] p = PRICES.get(model);
        return p == null ? 0.0 : in / 1000.0 * p[0] + out / 1000.0 * p[1];
    }

    public List<Compromise> compromises() {
        return compromises;
    }

    public List<KeyProfile> keyProfiles() {
        return profiles;
    }
}
