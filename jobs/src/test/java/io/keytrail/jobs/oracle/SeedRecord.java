package io.keytrail.jobs.oracle;

/** The seed's UsageRecord, as the seed sees it: the timestamp is the ISO string it parses itself. */
public record SeedRecord(String timestamp, String apiKeyPrefix, String model, long inputTokens, long outputTokens,
                         String endpoint, String sourceIp, String userAgent, Integer statusCode, Double costUsd) {}
