package io.keytrail.flink.types;

import io.keytrail.model.UsageRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/** Flink's type information for {@link UsageRecord}: serialized by {@link UsageRecordSerializer}. */
public final class UsageRecordTypeInfo extends TypeInformation<UsageRecord> {
    private static final long serialVersionUID = 1L;

    /** Named by the {@code @TypeInfo} annotation on {@link UsageRecord}, so every use of the type picks it up. */
    public static final class Factory extends TypeInfoFactory<UsageRecord> {
        @Override
        public TypeInformation<UsageRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new UsageRecordTypeInfo();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<UsageRecord> getTypeClass() {
        return UsageRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<UsageRecord> createSerializer(SerializerConfig config) {
        return UsageRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "UsageRecord";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return UsageRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof UsageRecordTypeInfo;
    }
}
