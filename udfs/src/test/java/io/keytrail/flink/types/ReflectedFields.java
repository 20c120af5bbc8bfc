package io.keytrail.flink.types;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.testutils.DeeplyEqualsChecker;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A value's instance fields by reflection, for the serializer tests: a field a hand-written serializer
 * forgets shows up in the comparison without the test naming it. Arrays compare by content, doubles by
 * their raw bits (so -0.0 and NaN payloads must come back as they went).
 */
final class ReflectedFields {
    private ReflectedFields() {}

    static List<String> of(Object value) {
        List<String> out = new ArrayList<>();
        for (Field f : instanceFields(value.getClass())) {
            try {
                out.add(f.getName() + "=" + text(f.get(value)));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** For {@code SerializerTestBase}: two values of {@code type} are equal when all their fields are. */
    static DeeplyEqualsChecker checker(Class<?> type) {
        return new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> type.isInstance(a) && type.isInstance(b),
                (a, b, checker) -> of(a).equals(of(b)));
    }

    /** The fields as Flink's PojoSerializer would take them, to compare formats against it. */
    static List<PojoField> pojoFields(Class<?> type) {
        List<PojoField> out = new ArrayList<>();
        for (Field f : instanceFields(type)) out.add(new PojoField(f, TypeInformation.of(f.getType())));
        return out;
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) out.add(f);
        }
        return out;
    }

    private static String text(Object v) {
        if (v instanceof Double d) return "bits:" + Long.toHexString(Double.doubleToRawLongBits(d));
        if (v instanceof double[] a) return Arrays.toString(Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray());
        if (v instanceof long[] a) return Arrays.toString(a);
        if (v instanceof int[] a) return Arrays.toString(a);
        if (v instanceof Object[] a) return Arrays.deepToString(a);
        return String.valueOf(v);
    }
}
