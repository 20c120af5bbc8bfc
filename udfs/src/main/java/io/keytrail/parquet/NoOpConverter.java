package io.keytrail.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Column readers need a converter tree shaped like the schema; KeyTrail pulls values from the readers
 * directly, so every converter does nothing.
 */
final class NoOpConverter {
    private NoOpConverter() {}

    static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {};

    static GroupConverter forSchema(GroupType schema) {
        Converter[] children = new Converter[schema.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            Type t = schema.getType(i);
            children[i] = t.isPrimitive() ? PRIMITIVE : forSchema(t.asGroupType());
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };
    }
}
