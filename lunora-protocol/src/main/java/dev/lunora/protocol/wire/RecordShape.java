package dev.lunora.protocol.wire;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A record class's components, their accessors and its canonical constructor, looked up (and made accessible) once
 * per class, so that reading and building records reflectively does not repeat the lookups on every value. Immutable
 * and thread-safe; {@link #of} shares one shape per class.
 */
public final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final List<RecordComponent> components;
    private final Method[] accessors;
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] declared = type.getRecordComponents();
        this.components = List.of(declared);
        this.accessors = new Method[declared.length];
        Class<?>[] parameterTypes = new Class<?>[declared.length];
        for (int i = 0; i < declared.length; i++) {
            accessors[i] = declared[i].getAccessor();
            // Records are often package-private; where access is refused, read() reports it.
            accessors[i].trySetAccessible();
            parameterTypes[i] = declared[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
        constructor.trySetAccessible();
    }

    /**
     * The shape of record class {@code recordType}.
     *
     * @throws IllegalArgumentException when {@code recordType} is not a record class
     */
    public static RecordShape of(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(recordType.getName() + " is not a record class");
        }
        return SHAPES.get(recordType);
    }

    /** The record's components, in declaration order. */
    public List<RecordComponent> components() {
        return components;
    }

    /** The index of the component named {@code name}, or -1 when the record has none. */
    public int indexOf(String name) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of component {@code index} of {@code record}, an instance of this shape's class.
     *
     * @throws WireFormatException when the accessor cannot be called or throws
     */
    public Object read(Record record, int index) {
        try {
            return accessors[index].invoke(record);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new WireFormatException("cannot read " + type.getName() + "." + components.get(index).getName(), e);
        }
    }

    /**
     * A new record from its component values, in declaration order.
     *
     * @throws WireFormatException when the constructor refuses them (its exception is the cause)
     */
    public Object build(Object... values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new WireFormatException("cannot build " + type.getSimpleName() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WireFormatException("cannot build " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
