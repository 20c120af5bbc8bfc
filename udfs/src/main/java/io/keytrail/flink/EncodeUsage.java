package io.keytrail.flink;

import io.keytrail.flink.types.EncodedUsage;
import io.keytrail.flink.types.UsageCodec;
import io.keytrail.flink.types.UsageEncoding;
import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Usage records as {@link EncodedUsage}, chained before the keyed shuffle into detection. */
public class EncodeUsage extends RichMapFunction<UsageRecord, EncodedUsage> {
    private static final long serialVersionUID = 1L;

    private final UsageEncoding encoding;
    private transient UsageCodec codec;

    public EncodeUsage() {
        this(UsageEncoding.PORTABLE);
    }

    /** {@code encoding} must be the one detection decodes with. */
    public EncodeUsage(UsageEncoding encoding) {
        this.encoding = encoding;
    }

    @Override
    public void open(OpenContext ctx) {
        codec = new UsageCodec(encoding);
    }

    @Override
    public EncodedUsage map(UsageRecord r) {
        return codec.encode(r);
    }
}
