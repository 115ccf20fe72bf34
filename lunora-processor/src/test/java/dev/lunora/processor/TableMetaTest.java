package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.meta.Field;
import dev.lunora.api.meta.TableMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated {@code LunoraTables} metamodels, loaded from the compiled chat example and used on real rows. */
final class TableMetaTest {
    @Test
    void messageTableDescribesEveryComponentAndReadsThemFromARow() throws ReflectiveOperationException {
        ClassLoader loader = load(Compilations.strictJavac().compile(Compilations.chat()));
        Class<?> channel = loader.loadClass("dev.lunora.examples.chat.Channel");
        Class<?> user = loader.loadClass("dev.lunora.examples.chat.User");
        Class<?> message = loader.loadClass("dev.lunora.examples.chat.Message");
        Object row = message.getConstructors()[0].newInstance(Id.of("m1"), 42L, Id.of("c1"), "hi", Id.of("u1"));

        TableMeta<?> meta = meta(loader, "MESSAGE");

        assertEquals("messages", meta.tableName());
        assertEquals(message, meta.rowType());
        assertEquals(List.of("_id", "_creationTime", "channelId", "text", "userId"),
                meta.fields().stream().map(Field::name).toList());
        assertEquals(List.of(GenericType.of(Id.class, message), long.class, GenericType.of(Id.class, channel),
                String.class, GenericType.of(Id.class, user)), meta.fields().stream().map(Field::type).toList());
        assertEquals(List.of(Id.of("m1"), 42L, Id.of("c1"), "hi", Id.of("u1")),
                meta.fields().stream().map(f -> read(f, row)).toList());
        assertEquals(Optional.of("channelId"), meta.shardKey().map(Field::name));
        assertEquals(meta.fields().get(2), meta.shardKey().orElseThrow());
        assertEquals(meta.fields().get(2), meta.getClass().getField("channelId").get(meta));
        assertEquals("dev.lunora.examples.chat.LunoraTables$MessageTable", meta.getClass().getName());
    }

    @Test
    void unshardedTableHasNoShardKey() throws ReflectiveOperationException {
        ClassLoader loader = load(Compilations.strictJavac().compile(Compilations.chat()));

        TableMeta<?> meta = meta(loader, "CHANNEL");

        assertEquals("channels", meta.tableName());
        assertEquals(Optional.empty(), meta.shardKey());
        assertEquals(List.of("_id", "_creationTime", "name"), meta.fields().stream().map(Field::name).toList());
    }

    private static TableMeta<?> meta(ClassLoader loader, String constant) throws ReflectiveOperationException {
        return (TableMeta<?>) loader.loadClass("dev.lunora.examples.chat.LunoraTables").getField(constant).get(null);
    }

    @SuppressWarnings("unchecked")
    private static Object read(Field<?, ?> field, Object row) {
        return ((Field<Object, ?>) field).get(row);
    }

    /** A class loader over the compilation's class files, delegating the rest to the test's class path. */
    private static ClassLoader load(Compilation compilation) {
        assertThat(compilation).succeededWithoutWarnings();
        List<JavaFileObject> classes = compilation.generatedFiles().stream()
                .filter(f -> f.getKind() == JavaFileObject.Kind.CLASS).toList();
        return new ClassLoader(TableMetaTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                String path = "/" + name.replace('.', '/') + ".class";
                for (JavaFileObject file : classes) {
                    if (file.toUri().getPath().endsWith(path)) {
                        try (InputStream in = file.openInputStream()) {
                            byte[] bytes = in.readAllBytes();
                            return defineClass(name, bytes, 0, bytes.length);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                throw new ClassNotFoundException(name);
            }
        };
    }
}
