package io.keytrail.detect;

import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;

import java.io.Serializable;

/** What a record cost under a profile: its own cost, else (profile permitting) its price, else 0. */
public final class CostModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean price;
    private final PricingTable pricing;

    public CostModel(DetectionProfile profile, PricingTable pricing) {
        this.price = profile.pricesMissingCost();
        this.pricing = pricing;
    }

    public double of(UsageRecord r) {
        if (r.hasCost()) return r.costUsd;
        if (!price) return 0.0;
        double c = pricing.cost(r.model, r.inputTokens, r.outputTokens);
        return Double.isNaN(c) ? 0.0 : c;
    }
}
