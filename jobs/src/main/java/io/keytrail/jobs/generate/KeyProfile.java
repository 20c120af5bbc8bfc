package io.keytrail.jobs.generate;

import java.util.List;

/** One synthetic key's legitimate behaviour. */
record KeyProfile(String apiKeyId, String provider, List<String> models, List<String> ips, String userAgent,
                  String endpoint, double dailyRate, int peakStartHour, int peakEndHour) {}
