package io.keytrail.sql;

import io.keytrail.pricing.PricingTable;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code cost_usd(model, input_tokens, output_tokens)}: the cost in USD from the bundled pricing table
 * ({@link PricingTable#defaults()}, conf/pricing.json: exact model or longest matching prefix); NULL
 * when the model is unknown or an argument is NULL.
 */
public class CostUsd extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    private transient PricingTable pricing;

    public Double eval(String model, Long inputTokens, Long outputTokens) {
        if (model == null || inputTokens == null || outputTokens == null) return null;
        if (pricing == null) pricing = PricingTable.defaults();
        double c = pricing.cost(model, inputTokens, outputTokens);
        return Double.isNaN(c) ? null : c;
    }
}
