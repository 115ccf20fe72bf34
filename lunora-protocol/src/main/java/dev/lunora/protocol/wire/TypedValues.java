package dev.lunora.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts between typed Java values (records, collections, {@code Optional}, {@code Id}, enums) and the wire
 * codec's native model. The reflective half of {@link WireJson}; stateless.
 */
final class TypedValues {
    private TypedValues() {
    }

    // ---------------------------------------------------------------- typed -> native

    /** The native model for a typed value; records become insertion-ordered maps by component name. */
    static Object toNative(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof Undefined || value instanceof WireDate || value instanceof WireUrl
                || value instanceof WireBytes || value instanceof byte[] || value instanceof Instant
                || value instanceof Date || value instanceof URI) {
            return value;
        } else if (value instanceof Id<?> id) {
            return id.value();
        } else if (value instanceof Optional<?> optional) {
            return optional.map(TypedValues::toNative).orElse(null);
        } else if (value instanceof Enum<?> constant) {
            return constant.name();
        } else if (value instanceof Character c) {
            return c.toString();
        } else if (value instanceof JsonNode node) {
            return WireCodec.decode(node);
        } else if (value instanceof Record record) {
            return recordToNative(record);
        } else if (value instanceof Map<?, ?> map) {
            return mapToNative(map);
        } else if (value instanceof Collection<?> items) {
            return listToNative(items);
        } else if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return listToNative(items);
        } else if (value instanceof WireMap map) {
            WireMap converted = new WireMap();
            map.entries().forEach(e -> converted.put(toNative(e.getKey()), toNative(e.getValue())));
            return converted;
        } else if (value instanceof WireSet set) {
            WireSet converted = new WireSet();
            set.items().forEach(item -> converted.add(toNative(item)));
            return converted;
        } else if (value instanceof WireError) {
            return value;
        }
        throw new WireFormatException("cannot put a " + value.getClass().getName() + " on the wire");
    }

    private static List<Object> listToNative(Collection<?> items) {
        List<Object> list = new ArrayList<>(items.size());
        for (Object item : items) {
            list.add(toNative(item));
        }
        return list;
    }

    private static Map<String, Object> recordToNative(Record record) {
        Map<String, Object> map = new LinkedHashMap<>();
        RecordShape shape = RecordShape.of(record.getClass());
        List<RecordComponent> components = shape.components();
        for (int i = 0; i < components.size(); i++) {
            Object value = shape.read(record, i);
            // A null component, or an empty Optional, is an absent field.
            if (value != null && !(value instanceof Optional<?> optional && optional.isEmpty())) {
                map.put(components.get(i).getName(), toNative(value));
            }
        }
        return map;
    }

    private static Object mapToNative(Map<?, ?> map) {
        boolean stringKeys = map.keySet().stream()
                .allMatch(k -> k instanceof String || k instanceof Id<?> || k instanceof Enum<?>);
        if (stringKeys) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((k, v) -> object.put((String) toNative(k), toNative(v)));
            return object;
        }
        WireMap wireMap = new WireMap();
        map.forEach((k, v) -> wireMap.put(toNative(k), toNative(v)));
        return wireMap;
    }

    // ---------------------------------------------------------------- native -> typed

    /** Converts a decoded native value to {@code type}. */
    static Object fromNative(Object value, Type type) {
        if (type instanceof Class<?> cls) {
            return toClass(value, cls);
        } else if (type instanceof ParameterizedType parameterized) {
            return toParameterized(value, parameterized);
        } else if (type instanceof WildcardType wildcard) {
            return fromNative(value, wildcard.getUpperBounds()[0]);
        } else if (type instanceof TypeVariable<?> variable) {
            return fromNative(value, variable.getBounds()[0]);
        } else if (type instanceof GenericArrayType arrayType) {
            List<?> items = requireList(value, type);
            Class<?> componentClass = rawClass(arrayType.getGenericComponentType());
            Object array = Array.newInstance(componentClass, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, fromNative(items.get(i), arrayType.getGenericComponentType()));
            }
            return array;
        }
        throw new WireFormatException("unsupported target type " + type.getTypeName());
    }

    private static Object toParameterized(Object value, ParameterizedType type) {
        Class<?> raw = rawClass(type);
        Type[] args = type.getActualTypeArguments();
        if (raw == Optional.class) {
            return isAbsent(value) ? Optional.empty() : Optional.of(fromNative(value, args[0]));
        } else if (raw == Id.class) {
            return toClass(value, Id.class);
        } else if (Map.class.isAssignableFrom(raw)) {
            return toMap(value, args[0], args[1], type);
        } else if (Set.class.isAssignableFrom(raw)) {
            Set<Object> set = new LinkedHashSet<>();
            for (Object item : collectionItems(value, type)) {
                set.add(fromNative(item, args[0]));
            }
            return set;
        } else if (Iterable.class.isAssignableFrom(raw)) {
            List<Object> list = new ArrayList<>();
            for (Object item : collectionItems(value, type)) {
                list.add(fromNative(item, args[0]));
            }
            return list;
        } else if (raw.isRecord()) {
            Map<TypeVariable<?>, Type> bindings = new HashMap<>();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], args[i]);
            }
            return toRecord(value, raw, bindings);
        }
        return toClass(value, raw);
    }

    private static Object toClass(Object value, Class<?> cls) {
        if (value instanceof Undefined && cls != Undefined.class && cls != Object.class) {
            return toClass(null, cls);
        }
        if (cls == Object.class) {
            return value;
        } else if (JsonNode.class.isAssignableFrom(cls)) {
            return WireCodec.encode(value);
        } else if (cls == Optional.class) {
            return Optional.ofNullable(value);
        } else if (cls.isPrimitive()) {
            if (value == null) {
                throw new WireFormatException("a " + cls.getName() + " cannot be null or missing");
            }
            return toClass(value, boxed(cls));
        } else if (value == null) {
            return null;
        } else if (cls.isInstance(value) && !(value instanceof Number)) {
            return value;
        } else if (value instanceof Number number) {
            return toNumber(number, cls);
        } else if (cls == Id.class) {
            return Id.of(require(value, String.class));
        } else if (cls.isEnum()) {
            return enumConstant(cls, require(value, String.class));
        } else if (cls == Instant.class) {
            return require(value, WireDate.class).toInstant()
                    .orElseThrow(() -> new WireFormatException("an invalid date has no Instant"));
        } else if (cls == Date.class) {
            return Date.from((Instant) toClass(value, Instant.class));
        } else if (cls == URI.class) {
            return URI.create(require(value, WireUrl.class).href());
        } else if (cls == byte[].class) {
            return require(value, WireBytes.class).bytes();
        } else if (cls == Character.class) {
            String s = require(value, String.class);
            if (s.length() != 1) {
                throw new WireFormatException("a char needs a one-character string, not \"" + s + "\"");
            }
            return s.charAt(0);
        } else if (cls.isRecord()) {
            return toRecord(value, cls, Map.of());
        } else if (cls.isArray()) {
            return fromNative(value, new GenericArrayTypeOf(cls.getComponentType()));
        } else if (Set.class.isAssignableFrom(cls)) {
            return new LinkedHashSet<>(collectionItems(value, cls));
        } else if (Collection.class.isAssignableFrom(cls)) {
            return new ArrayList<>(collectionItems(value, cls));
        }
        throw new WireFormatException("cannot read a " + value.getClass().getSimpleName() + " as "
                + cls.getName());
    }

    private static Object toNumber(Number number, Class<?> cls) {
        if (cls == Double.class || cls == Number.class) {
            return number.doubleValue();
        } else if (cls == Float.class) {
            return number.floatValue();
        } else if (cls == BigInteger.class) {
            if (number instanceof BigInteger big) {
                return big;
            }
            return BigInteger.valueOf(requireIntegral(number, Long.MIN_VALUE, Long.MAX_VALUE, cls));
        } else if (cls == Long.class) {
            return requireIntegral(number, Long.MIN_VALUE, Long.MAX_VALUE, cls);
        } else if (cls == Integer.class) {
            return (int) requireIntegral(number, Integer.MIN_VALUE, Integer.MAX_VALUE, cls);
        } else if (cls == Short.class) {
            return (short) requireIntegral(number, Short.MIN_VALUE, Short.MAX_VALUE, cls);
        } else if (cls == Byte.class) {
            return (byte) requireIntegral(number, Byte.MIN_VALUE, Byte.MAX_VALUE, cls);
        } else if (cls == Instant.class) {
            return Instant.ofEpochMilli(requireIntegral(number, Long.MIN_VALUE, Long.MAX_VALUE, cls));
        }
        throw new WireFormatException("cannot read the number " + number + " as " + cls.getName());
    }

    private static long requireIntegral(Number number, long min, long max, Class<?> cls) {
        boolean integral = number instanceof Long
                || (number instanceof BigInteger big && big.bitLength() < 64);
        if (!integral || number.longValue() < min || number.longValue() > max) {
            throw new WireFormatException("the number " + number + " does not fit a " + cls.getSimpleName());
        }
        return number.longValue();
    }

    private static Object toRecord(Object value, Class<?> cls, Map<TypeVariable<?>, Type> bindings) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new WireFormatException("a " + cls.getSimpleName() + " must be a JSON object");
        }
        RecordShape shape = RecordShape.of(cls);
        List<RecordComponent> components = shape.components();
        Object[] arguments = new Object[components.size()];
        for (int i = 0; i < arguments.length; i++) {
            RecordComponent component = components.get(i);
            Object field = map.get(component.getName());
            Type fieldType = resolve(component.getGenericType(), bindings);
            try {
                arguments[i] = isAbsent(field) && component.getType().isPrimitive()
                        ? defaultPrimitive(component.getType()) : fromNative(field, fieldType);
            } catch (WireFormatException e) {
                throw new WireFormatException(cls.getSimpleName() + "." + component.getName() + ": "
                        + e.getMessage(), e);
            }
        }
        return shape.build(arguments);
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            return bindings.get(variable);
        } else if (type instanceof ParameterizedType parameterized && !bindings.isEmpty()) {
            Type[] args = parameterized.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                args[i] = resolve(args[i], bindings);
            }
            return GenericType.of(rawClass(parameterized), args);
        }
        return type;
    }

    private static Map<Object, Object> toMap(Object value, Type keyType, Type valueType, Type type) {
        Map<Object, Object> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(fromNative(k, keyType), fromNative(v, valueType)));
        } else if (value instanceof WireMap wireMap) {
            wireMap.entries().forEach(e -> result.put(fromNative(e.getKey(), keyType),
                    fromNative(e.getValue(), valueType)));
        } else {
            throw new WireFormatException("a " + type.getTypeName() + " must be a JSON object or a map tag");
        }
        return result;
    }

    private static List<?> collectionItems(Object value, Type type) {
        return value instanceof WireSet set ? set.items() : requireList(value, type);
    }

    private static List<?> requireList(Object value, Type type) {
        if (!(value instanceof List<?> list)) {
            throw new WireFormatException("a " + type.getTypeName() + " must be a JSON array");
        }
        return list;
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof Undefined;
    }

    private static <T> T require(Object value, Class<T> cls) {
        if (!cls.isInstance(value)) {
            throw new WireFormatException("expected a " + cls.getSimpleName() + ", not a "
                    + value.getClass().getSimpleName());
        }
        return cls.cast(value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> cls, String name) {
        try {
            return Enum.valueOf((Class) cls, name);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("no " + cls.getSimpleName() + " constant " + name, e);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> cls) {
            return cls;
        } else if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        } else if (type instanceof GenericArrayType array) {
            return Array.newInstance(rawClass(array.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return Array.get(Array.newInstance(primitive, 1), 0).getClass();
    }

    private static Object defaultPrimitive(Class<?> primitive) {
        return Array.get(Array.newInstance(primitive, 1), 0);
    }

    /** A generic array type over a component class, so class arrays reuse the generic array path. */
    private record GenericArrayTypeOf(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }
    }
}
