package io.keytrail;

import io.keytrail.model.UsageRecord;

import java.time.Instant;

/** Test records with fixed instants. */
public final class Records {
    private Records() {}

    public static long micros(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    public static UsageRecord rec(String key, String isoInstant, String model, String ip, double cost, long seq) {
        UsageRecord r = new UsageRecord();
        r.apiKeyId = key;
        r.tsMicros = micros(isoInstant);
        r.model = model;
        r.sourceIp = ip;
        r.costUsd = cost;
        r.inputTokens = 100;
        r.outputTokens = 50;
        r.endpoint = "/v1/chat/completions";
        r.seq = seq;
        return r;
    }
}
