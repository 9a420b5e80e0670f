package io.gitlore.contracts.serde;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Takes a contract record type and gives an instance with every component set to a distinct, non-default value
 * (nested records, lists and maps filled too), so a JSON round trip that drops, renames or swaps a field fails, and a
 * component added later is covered without editing the tests.
 */
final class Samples {

    private static final Instant EPOCH = Instant.parse("2024-03-01T10:15:30.123456789Z");

    private int counter;

    <T> T of(Class<T> type) {
        return type.cast(value(type, type, type.getSimpleName()));
    }

    private Object value(Class<?> raw, Type generic, String name) {
        int n = ++counter;
        if (raw == String.class || raw == Object.class) {
            return name + "-" + n;
        }
        if (raw == int.class || raw == Integer.class) {
            return n;
        }
        if (raw == long.class || raw == Long.class) {
            // Past the int range, so a long squeezed into an int would not survive.
            return 10_000_000_000L + n;
        }
        if (raw == double.class || raw == Double.class) {
            return n + 0.125;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == Instant.class) {
            return EPOCH.plusSeconds(n);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[n % constants.length];
        }
        if (raw == List.class) {
            Type element = typeArgument(generic, 0);
            return List.of(value(rawType(element), element, name), value(rawType(element), element, name));
        }
        if (raw == Map.class) {
            if (typeArgument(generic, 0) != String.class) {
                throw new IllegalArgumentException("JSON object keys are strings: " + generic.getTypeName());
            }
            Type element = typeArgument(generic, 1);
            return Map.of(name + "-key-" + n, value(rawType(element), element, name));
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        throw new IllegalArgumentException("No sample value for " + generic.getTypeName() + " (" + name
                + "): teach Samples this type");
    }

    private Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = value(components[i].getType(), components[i].getGenericType(), components[i].getName());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not build a sample " + type.getName(), e);
        }
    }

    private static Type typeArgument(Type generic, int index) {
        if (generic instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("Raw collection type " + generic.getTypeName());
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("Unsupported type " + type.getTypeName());
    }
}
