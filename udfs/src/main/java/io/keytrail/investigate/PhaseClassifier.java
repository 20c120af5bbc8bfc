package io.keytrail.investigate;

import io.keytrail.model.UsageRecord;
import io.keytrail.util.PyFormat;

import java.io.Serializable;
import java.util.Locale;

/**
 * The seed's _classify_phase and _describe_action. {@code reference} keeps them exactly (the first
 * three records are reconnaissance whatever they are); the default profile reads the request itself
 * first: listing models or reading logging configuration is reconnaissance wherever it happens, and
 * changing or deleting logging configuration is defense evasion.
 */
public final class PhaseClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean seedRules;

    public PhaseClassifier(boolean seedRules) {
        this.seedRules = seedRules;
    }

    public AttackPhase classify(UsageRecord r, long index) {
        String ep = r.endpoint == null ? "" : r.endpoint.toLowerCase(Locale.ROOT);
        if (!seedRules) {
            if (ep.contains("putmodelinvocationloggingconfiguration") || ep.contains("deletemodelinvocationloggingconfiguration")
                    || ep.contains("logging/disable")) {
                return AttackPhase.DEFENSE_EVASION;
            }
            if (ep.endsWith("/models") || ep.contains("listfoundationmodels") || ep.contains("getmodelinvocationloggingconfiguration")
                    || ep.contains("listcustommodels")) {
                return AttackPhase.RECONNAISSANCE;
            }
        }
        if (index < 3) return AttackPhase.RECONNAISSANCE;
        if (r.inputTokens < 50 && r.outputTokens < 50) return AttackPhase.CAPABILITY_TESTING;
        if (ep.contains("fine-tun") || ep.contains("files") || ep.contains("batch")
                || (!seedRules && (ep.contains("fine_tun") || ep.contains("customization")))) {
            return AttackPhase.PERSISTENCE;
        }
        if (r.outputTokens > 4000) return AttackPhase.EXFILTRATION;
        return AttackPhase.EXPLOITATION;
    }

    /** The seed's descriptions, word for word. */
    public static String describe(UsageRecord r, AttackPhase phase, double cost) {
        switch (phase) {
            case RECONNAISSANCE:
                return "Probed " + r.endpoint + " with model " + r.model;
            case CAPABILITY_TESTING:
                return "Tested " + r.model + " capabilities via " + r.endpoint + " (" + r.inputTokens + " in, " + r.outputTokens + " out)";
            case EXPLOITATION:
                return "Used " + r.model + " via " + r.endpoint + " (" + r.inputTokens + "+" + r.outputTokens + " tokens, $"
                        + PyFormat.fixed(cost, 4) + ")";
            case PERSISTENCE:
                return "Accessed " + r.endpoint + ", possible persistence mechanism";
            case EXFILTRATION:
                return "Large output (" + r.outputTokens + " tokens) from " + r.model + ", possible data exfiltration";
            case DEFENSE_EVASION:
                return "Changed " + r.endpoint + ", possible attempt to hide activity";
            default:
                return "Unknown action on " + r.endpoint;
        }
    }
}
