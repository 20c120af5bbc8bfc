package io.keytrail.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.model.UsageRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** {@code truth.json} of a scenario set (format keytrail-truth/1 plus each key's scenario; see README). */
final class ScenarioTruth {
    private ScenarioTruth() {}

    static void write(ScenarioGenerator g, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", "keytrail-truth/1");
        root.put("doc", "Scenario set. The attacker records are listed one per line in records_file, identified by"
                + " (api_key_id, timestamp_micros, model, endpoint). A compromise starts at its first attacker record and"
                + " ends just after its last; a legitimate change starts at change_at.");
        root.put("records_file", TruthRecords.FILE);
        ObjectNode params = root.putObject("generator");
        params.put("scenarios", true);
        params.put("seed", g.seed);
        params.put("history_days", g.historyDays);
        params.put("live_days", g.liveDays);
        params.put("rate", g.rate);
        params.put("start", g.start.toString());
        params.put("live_start", GenerateCommand.iso(g.liveStartMicros()));
        ObjectNode mix = params.putObject("mix");
        for (Map.Entry<Scenario, Integer> e : g.mix.entrySet()) mix.put(e.getKey().wire(), e.getValue());
        ArrayNode comps = root.putArray("compromises");
        for (ScenarioKey k : g.keys()) {
            if (k.attack().isEmpty()) continue;
            ObjectNode n = comps.addObject();
            n.put("api_key_id", k.profile().apiKeyId());
            n.put("scenario", k.scenario().wire());
            n.put("start", GenerateCommand.iso(k.attack().get(0).tsMicros));
            n.put("end", GenerateCommand.iso(k.attack().get(k.attack().size() - 1).tsMicros + 1));
            Set<String> ips = new LinkedHashSet<>(), uas = new LinkedHashSet<>(), models = new LinkedHashSet<>();
            for (UsageRecord r : k.attack()) {
                if (r.sourceIp != null) ips.add(r.sourceIp);
                if (r.userAgent != null) uas.add(r.userAgent);
                if (!r.model.isEmpty()) models.add(r.model);
            }
            ips.forEach(n.putArray("attacker_ips")::add);
            uas.forEach(n.putArray("attacker_user_agents")::add);
            models.forEach(n.putArray("attacker_models")::add);
            n.put("attacker_records", k.attack().size());
        }
        ArrayNode keys = root.putArray("keys");
        for (ScenarioKey k : g.keys()) {
            ObjectNode n = keys.addObject();
            n.put("api_key_id", k.profile().apiKeyId());
            n.put("provider", k.profile().provider());
            n.put("compromised", !k.attack().isEmpty());
            n.put("scenario", k.scenario().wire());
            n.put("kind", k.scenario().kind.wire);
            n.put("bucketed", k.scenario().bucketed);
            if (k.scenario().kind == Scenario.Kind.LEGITIMATE_CHANGE) {
                n.put("change_at", GenerateCommand.iso(k.changeMicros()));
            }
        }
        Files.writeString(file, json.writeValueAsString(root));
    }
}
