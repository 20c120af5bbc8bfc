package io.keytrail.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

import java.util.Map;

/**
 * Column readers need a converter tree shaped like the schema; KeyTrail pulls values from the readers
 * directly, so every converter does nothing, except those given for string columns
 * ({@link StringColumnConverter}).
 */
final class NoOpConverter {
    private NoOpConverter() {}

    static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {};

    static GroupConverter forSchema(GroupType schema) {
        return forSchema(schema, Map.of());
    }

    /** As above, with the given converters for the named top-level columns. */
    static GroupConverter forSchema(GroupType schema, Map<String, PrimitiveConverter> topLevel) {
        Converter[] children = new Converter[schema.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            Type t = schema.getType(i);
            children[i] = t.isPrimitive() ? topLevel.getOrDefault(t.getName(), PRIMITIVE) : forSchema(t.asGroupType(), Map.of());
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
