package io.keytrail.model;

/** Alert and risk levels, ordered (the seed's _risk_ord). */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The seed's _risk_ord: -1 for anything unknown. */
    public static int ord(String level) {
        if (level == null) return -1;
        switch (level) {
            case "low": return 0;
            case "medium": return 1;
            case "high": return 2;
            case "critical": return 3;
            default: return -1;
        }
    }

    public static Severity parse(String level) {
        int o = ord(level);
        if (o < 0) throw new IllegalArgumentException("unknown severity '" + level + "' (low|medium|high|critical)");
        return values()[o];
    }
}
