package io.keytrail.sql;

import io.keytrail.secrets.KeyMasker;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code key_provider(key_or_id)}: the provider a full key or a masked id belongs to (openai, anthropic,
 * google, ...), from the secret rules' prefixes; NULL when it cannot tell.
 */
public class KeyProvider extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    private transient KeyMasker masker;

    public String eval(String keyOrId) {
        if (keyOrId == null) return null;
        if (masker == null) masker = KeyMasker.defaults();
        return masker.maskKeyId(keyOrId).provider();
    }
}
