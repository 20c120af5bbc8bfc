package io.keytrail.jobs.oracle;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Usage built to hit the seed's corners: timestamps in several offsets (days and hours as written),
 * missing costs, null and empty IPs, a key without history, a key with one history day (std 0), a key
 * without known IPs, bursts with unknown models and IPs at all hours, records unsorted within a day.
 */
public final class AdversarialUsage {
    static final String[] OFFSETS = {"+00:00", "-08:00", "+05:30", "+09:00"};
    static final String[] MODELS = {"gpt-3.5-turbo", "gpt-4o", "gpt-4", "claude-3.5-haiku"};
    static final String[] ENDPOINTS = {"/v1/files", "/v1/fine-tuning/jobs", "/v1/fine_tuning/jobs", "/v1/batches",
            "/v1/Files", "/v1/assistants", "/v1/threads/t1/runs"};

    public final List<SeedRecord> history = new ArrayList<>();
    public final List<SeedRecord> archive = new ArrayList<>();

    /** Keys whose timestamps are all written in one offset (string order = time order, as the seed's timeline sort needs). */
    public static boolean singleOffset(int k) {
        return k % 5 != 4;
    }

    public AdversarialUsage(long seed, int keys) {
        Random rnd = new Random(seed);
        LocalDateTime t0 = LocalDateTime.of(2026, 3, 1, 0, 0);
        for (int k = 0; k < keys; k++) {
            String key = String.format("key_%04d", k);
            String offset = OFFSETS[k % OFFSETS.length];
            boolean mixedOffsets = k % 5 == 4;
            int historyDays = k == 3 ? 1 : 12 + rnd.nextInt(6);
            if (k != keys - 1) { // the last key has no history: the seed skips it
                for (int d = 0; d < historyDays; d++) {
                    int n = 5 + rnd.nextInt(k % 2 == 0 ? 4 : 25);
                    for (int i = 0; i < n; i++) {
                        history.add(record(rnd, key, t0.plusDays(d), mixedOffsets ? OFFSETS[rnd.nextInt(4)] : offset, false, k));
                    }
                }
            }
            for (int d = historyDays; d < historyDays + 6; d++) {
                boolean burst = rnd.nextInt(4) == 0;
                int n = burst ? 60 + rnd.nextInt(300) : 5 + rnd.nextInt(k % 2 == 0 ? 4 : 25);
                for (int i = 0; i < n; i++) {
                    archive.add(record(rnd, key, t0.plusDays(d), mixedOffsets ? OFFSETS[rnd.nextInt(4)] : offset, burst, k));
                }
            }
        }
    }

    static SeedRecord record(Random rnd, String key, LocalDateTime day, String offset, boolean attack, int k) {
        int hour = attack ? rnd.nextInt(24) : 8 + rnd.nextInt(10);
        if (!attack && rnd.nextInt(40) == 0) hour = rnd.nextInt(24);
        LocalDateTime ts = day.plusHours(hour).plusSeconds(rnd.nextInt(3600)).plusNanos(rnd.nextInt(1000) * 1000L);
        String model = attack && rnd.nextBoolean() ? MODELS[2 + rnd.nextInt(2)] : MODELS[k % 2];
        String ip = rnd.nextInt(10) == 0 ? null : rnd.nextInt(15) == 0 ? "" : attack && rnd.nextBoolean()
                ? "185.220.101." + rnd.nextInt(5) : "203.0.113." + (k % 3 + rnd.nextInt(2));
        if (k == 6) ip = null; // a key without known IPs: the unknown-IP check is skipped
        Double cost = rnd.nextInt(8) == 0 ? null : attack ? 0.2 + rnd.nextDouble() : rnd.nextDouble() * 0.05;
        String tsText = ts.toString().length() == 16 ? ts + ":00" : ts.toString();
        String endpoint = "/v1/chat/completions";
        long in = 10 + rnd.nextInt(900), out = 5 + rnd.nextInt(500);
        if (attack) {
            int x = rnd.nextInt(12);
            if (x == 0) endpoint = ENDPOINTS[rnd.nextInt(ENDPOINTS.length)];
            else if (x == 1) { in = rnd.nextInt(50); out = rnd.nextInt(50); }
            else if (x == 2) out = 4001 + rnd.nextInt(3000);
        }
        return new SeedRecord(tsText + offset, key, model, in, out, endpoint, ip, "ua/1.0", 200, cost);
    }
}
