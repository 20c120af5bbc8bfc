package io.keytrail.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The seed's KeyScopeAssessment, for every provider: what a compromised key can reach. */
public class ScopeAssessment implements Serializable {
    private static final long serialVersionUID = 1L;

    public String incidentId;
    public int revision;
    public String apiKeyId;
    public String provider;
    public List<String> permissions = new ArrayList<>();
    public List<String> connectedServices = new ArrayList<>();
    public String dataExposureRisk;
    public String financialExposure;
    public List<String> findings = new ArrayList<>();
    public String profile;

    public ScopeAssessment() {}
}
