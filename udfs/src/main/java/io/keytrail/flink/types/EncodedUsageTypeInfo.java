package io.keytrail.flink.types;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/** Flink's type information for {@link EncodedUsage}: serialized by {@link EncodedUsageSerializer}. */
public final class EncodedUsageTypeInfo extends SerializerTypeInfo<EncodedUsage> {
    private static final long serialVersionUID = 1L;

    public EncodedUsageTypeInfo() {
        super(EncodedUsage.class, EncodedUsageSerializer.INSTANCE);
    }

    /** Named by the {@code @TypeInfo} annotation on {@link EncodedUsage}. */
    public static final class Factory extends TypeInfoFactory<EncodedUsage> {
        @Override
        public TypeInformation<EncodedUsage> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new EncodedUsageTypeInfo();
        }
    }
}
