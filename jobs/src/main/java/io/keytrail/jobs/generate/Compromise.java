package io.keytrail.jobs.generate;

import java.util.List;

/** One injected compromise: who, when, from where, and how the attacker behaves. */
record Compromise(String apiKeyId, String scenario, long startMicros, long endMicros, List<String> attackerIps,
                  List<String> userAgents, List<String> models, double ratePerHour, boolean persistence) {}
