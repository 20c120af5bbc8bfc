package io.keytrail.jobs.generate;

import io.keytrail.model.UsageRecord;

import java.util.List;

/**
 * One key of a scenario set: its legitimate behaviour, its scenario, when the scenario's change or attack
 * begins ({@code changeMicros}), what changes (a new server IP, a model migrated to) and the attacker's records
 * (empty unless the scenario is an attack), in time order.
 */
record ScenarioKey(KeyProfile profile, Scenario scenario, long changeMicros, String newIp, String newModel,
                   List<UsageRecord> attack) {}
