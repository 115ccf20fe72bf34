package dev.lunora.bench.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A processor that writes one empty class in its first round and does nothing else: javac then runs the same
 * processing rounds as for any processor that generates a source, so a compilation with it costs plain javac plus
 * those rounds alone. Not thread-safe (javac calls a processor from one thread).
 */
final class EmptySourceProcessor extends AbstractProcessor {
    private final String packageName;
    private boolean written;

    /** A processor writing {@code <packageName>.RoundsProbe}. */
    EmptySourceProcessor(String packageName) {
        this.packageName = packageName;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("dev.lunora.annotations.Table");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!written) {
            written = true;
            try (Writer out = processingEnv.getFiler().createSourceFile(packageName + ".RoundsProbe").openWriter()) {
                out.write("package " + packageName + ";\n\nfinal class RoundsProbe {\n}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
