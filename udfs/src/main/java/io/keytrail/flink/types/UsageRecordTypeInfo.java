package io.keytrail.flink.types;

import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/** Flink's type information for {@link UsageRecord}: serialized by {@link UsageRecordSerializer}. */
public final class UsageRecordTypeInfo extends SerializerTypeInfo<UsageRecord> {
    private static final long serialVersionUID = 1L;

    public UsageRecordTypeInfo() {
        super(UsageRecord.class, UsageRecordSerializer.INSTANCE);
    }

    /** Named by the {@code @TypeInfo} annotation on {@link UsageRecord}. */
    public static final class Factory extends TypeInfoFactory<UsageRecord> {
        @Override
        public TypeInformation<UsageRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new UsageRecordTypeInfo();
        }
    }
}
