package org.streamingest.warehouse.catalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MemorySize;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a value given as text is one a {@link ConfigOption} can read, and what it expects if not
 * ("a duration, such as '30 s'"): Flink reads a value only when asked for it, so a typo in a
 * setting would otherwise surface late, or, for an option nothing asks for, never.
 */
public final class OptionValues {

    private OptionValues() {}

    /** Whether {@code key} is {@code option}'s key or one of its deprecated or fallback keys. */
    public static boolean hasKey(ConfigOption<?> option, String key) {
        if (option.key().equals(key)) {
            return true;
        }
        for (FallbackKey fallback : option.fallbackKeys()) {
            if (fallback.getKey().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code option} expects ({@link #expected}) if it cannot read {@code value}, given under
     * {@code key}; empty when it can.
     */
    public static Optional<String> unreadable(ConfigOption<?> option, String key, String value) {
        try {
            Configuration.fromMap(Map.of(key, value)).get(option);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(expected(option));
        }
    }

    /** What {@code option} reads, for people: "a duration, such as '30 s' or '1 min'". */
    public static String expected(ConfigOption<?> option) {
        Class<?> type = type(option);
        String one;
        if (type == Duration.class) {
            one = "a duration, such as '30 s', '500 ms' or '1 min'";
        } else if (type == MemorySize.class) {
            one = "a memory size, such as '64 mb' or '1 gb'";
        } else if (type == Integer.class || type == Long.class) {
            one = "a whole number";
        } else if (type == Double.class || type == Float.class) {
            one = "a number";
        } else if (type == Boolean.class) {
            one = "true or false";
        } else if (type != null && type.isEnum()) {
            one =
                    "one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "));
        } else {
            one = "a value of type " + (type == null ? "unknown" : type.getSimpleName());
        }
        return Boolean.TRUE.equals(call(option, "isList"))
                ? "a list of ';'-separated values, each " + one
                : one;
    }

    /** The type of {@code option}'s values. */
    private static Class<?> type(ConfigOption<?> option) {
        Object type = call(option, "getClazz");
        if (type instanceof Class<?> c) {
            return c;
        }
        Object value = option.defaultValue();
        return value == null ? null : value.getClass();
    }

    /**
     * {@code option.method()} for Flink's package-private accessors {@code getClazz} and {@code
     * isList} (what Flink's own documentation generator reads); null if it cannot be called.
     */
    private static Object call(ConfigOption<?> option, String method) {
        try {
            Method accessor = ConfigOption.class.getDeclaredMethod(method);
            accessor.setAccessible(true);
            return accessor.invoke(option);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
