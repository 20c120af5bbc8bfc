package io.keytrail.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/** Column readers need a converter tree; KeyTrail pulls values from the readers directly, so it does nothing. */
final class NoOpConverter {
    private NoOpConverter() {}

    static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {};
    static final GroupConverter GROUP = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
            return PRIMITIVE;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    };
}
