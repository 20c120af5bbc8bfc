package io.keytrail.jobs.report;

import java.util.ArrayList;
import java.util.List;

/** The seed's remediation sequence and hardening steps, tailored to what the key could reach. */
final class Remediation {
    private Remediation() {}

    static List<String> checklist(IncidentView v) {
        List<String> c = new ArrayList<>();
        List<String> perms = v.permissions();
        c.add("Rotate the key now: create a new key, update every legitimate consumer, then revoke " + v.key()
                + " (rotating first avoids downtime).");
        Double limit = v.settings().monthlySpendLimit;
        c.add(limit == null || limit == 0
                ? "Set a hard monthly spending cap at the provider: none is configured."
                : "Lower the monthly spending cap (now $" + Math.round(limit) + ") until rotation is complete.");
        c.add("Review the key's recent activity with this report's timeline and the provider's request logs.");
        if (perms.contains("fine_tuning")) c.add("Review all fine-tuning jobs and fine-tuned models created since the compromise start; delete unknown ones.");
        if (perms.contains("file_upload")) c.add("Review uploaded files: delete files the attacker uploaded and check what existing files they could read.");
        if (perms.contains("assistants_api")) c.add("Review assistants and threads for modifications and for the user data they hold.");
        if (perms.contains("batch_api")) c.add("Cancel batch jobs you did not submit.");
        if (perms.contains("vector_stores")) c.add("Review vector stores the key can read; treat their documents as exposed.");
        if (perms.contains("logging_configuration")) c.add("Restore invocation logging configuration and check for gaps in the logs.");
        boolean userData = perms.contains("assistants_api") || perms.contains("vector_stores")
                || !v.settings().connectedSystems.isEmpty() || "critical".equals(v.incident().get("data_exposure_risk"));
        if (userData) c.add("User data was reachable through the key: start your data breach notification procedure.");
        c.add("Send the provider's support team the note in this report (key id, window, attacker IPs and user agents).");
        c.add("Hardening: use scoped keys with only the permissions the application needs.");
        c.add("Hardening: rotate keys on a schedule (at least quarterly).");
        c.add("Hardening: keep keys in a secrets manager (AWS Secrets Manager, HashiCorp Vault, Azure Key Vault), not in env files or config.");
        c.add("Hardening: install the pre-commit scan (`keytrail leakscan --staged`) in every repository that could hold keys.");
        c.add("Hardening: configure billing alerts at the thresholds below.");
        c.add(v.settings().ipAllowlist.isEmpty() ? "Hardening: enable IP allowlisting where the provider supports it."
                : "Hardening: review the IP allowlist (" + v.settings().ipAllowlist.size() + " entries).");
        c.add("Hardening: monitor repositories and public sources for leaked keys.");
        return c;
    }

    /** The seed's billing tiers: 1.5x catches slow leaks, 3x active misuse, 10x large-scale abuse. */
    static List<String> billingAlerts(IncidentView v) {
        double d = v.typicalDailySpend();
        return List.of(Text.money(1.5 * d) + "/day (1.5x: slow leaks)", Text.money(3 * d) + "/day (3x: active misuse)",
                Text.money(10 * d) + "/day (10x: large-scale abuse)");
    }

    static String supportNote(IncidentView v) {
        StringBuilder b = new StringBuilder();
        b.append("Subject: Compromised API key ").append(Text.plain(v.key())).append(" - request for forensic data\n\n");
        b.append("Hello,\n\nWe believe one of our API keys was used by an unauthorised party and have revoked (or are rotating) it.\n\n");
        b.append("Key identifier: ").append(Text.plain(v.key())).append('\n');
        b.append("Provider: ").append(Text.plain(v.incident().get("provider"))).append('\n');
        b.append("Suspected compromise window: ").append(Sections.when(v, "compromise_start")).append(" to ")
                .append(v.micros("contained_at") != Long.MIN_VALUE ? Sections.when(v, "contained_at") : Sections.when(v, "last_activity_at"))
                .append(" (UTC)\n");
        b.append("Attacker IP addresses: ").append(String.join(", ", Text.list(v.incident().get("attacker_ips")).stream().map(Text::plain).toList())).append('\n');
        b.append("Attacker user agents: ").append(String.join(", ", Text.list(v.incident().get("attacker_user_agents")).stream().map(Text::plain).toList())).append('\n');
        b.append(String.format(java.util.Locale.ROOT, "Requests in the window: %,d, about %s%n", ((Number) v.incident().get("attacker_requests")).longValue(),
                Text.money(v.attackerCost())));
        b.append("\nCould you share any request-level data you hold for this key in that window (source IPs, user agents,")
                .append(" endpoints, fine-tuning jobs, files), confirm whether other keys saw the same IPs, and advise on a")
                .append(" billing adjustment?\n\nThank you.\n");
        return b.toString();
    }
}
