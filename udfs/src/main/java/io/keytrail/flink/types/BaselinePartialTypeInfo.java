package io.keytrail.flink.types;

import io.keytrail.baseline.BaselinePartial;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/** Flink's type information for {@link BaselinePartial}: serialized by {@link BaselinePartialSerializer}. */
public final class BaselinePartialTypeInfo extends SerializerTypeInfo<BaselinePartial> {
    private static final long serialVersionUID = 1L;

    public BaselinePartialTypeInfo() {
        super(BaselinePartial.class, BaselinePartialSerializer.INSTANCE);
    }

    /** Named by the {@code @TypeInfo} annotation on {@link BaselinePartial}. */
    public static final class Factory extends TypeInfoFactory<BaselinePartial> {
        @Override
        public TypeInformation<BaselinePartial> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new BaselinePartialTypeInfo();
        }
    }
}
