package io.keytrail.sql;

import io.keytrail.secrets.KeyMasker;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code mask_key(text)}: the text with every full API key replaced by its masked display (prefix...last4). */
public class MaskKey extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    private transient KeyMasker masker;

    public String eval(String text) {
        if (text == null) return null;
        if (masker == null) masker = KeyMasker.defaults();
        return masker.maskText(text);
    }
}
