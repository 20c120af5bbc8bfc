package io.keytrail.investigate;

/** The seed's attack phases (plus defense_evasion, which only the default profile assigns). */
public enum AttackPhase {
    RECONNAISSANCE("reconnaissance"),
    CAPABILITY_TESTING("capability_testing"),
    EXPLOITATION("exploitation"),
    PERSISTENCE("persistence"),
    EXFILTRATION("exfiltration"),
    DEFENSE_EVASION("defense_evasion");

    public final String wire;

    AttackPhase(String wire) {
        this.wire = wire;
    }

    public static AttackPhase of(String wire) {
        for (AttackPhase p : values()) if (p.wire.equals(wire)) return p;
        return null;
    }
}
