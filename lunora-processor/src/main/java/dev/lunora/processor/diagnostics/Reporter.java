package dev.lunora.processor.diagnostics;

import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Prints catalog {@link Message}s through the compiler's {@link Messager}, attached to an element and, where it
 * carries one, the Lunora annotation that the message is about (so that IDEs underline the annotation). Remembers
 * whether it printed an error. Not thread-safe; used from the processor's single thread.
 */
public final class Reporter {
    private final Messager messager;
    private boolean errors;

    /** A reporter printing through {@code messager}. */
    public Reporter(Messager messager) {
        this.messager = messager;
    }

    /** Prints {@code message} on {@code element} itself. */
    public void report(Message message, Element element, Object... args) {
        print(message, message.format(args), element, Optional.empty(), Optional.empty());
    }

    /**
     * Prints {@code message} on {@code element} and its annotation of type {@code annotation} (a qualified name);
     * on the element alone when it carries no such annotation.
     */
    public void reportOnAnnotation(Message message, Element element, String annotation, Object... args) {
        print(message, message.format(args), element, mirror(element, annotation), Optional.empty());
    }

    /** Prints {@code message} on the value of {@code member} in {@code element}'s annotation {@code annotation}. */
    public void reportOnAnnotationValue(Message message, Element element, String annotation, String member,
                                        Object... args) {
        Optional<AnnotationMirror> mirror = mirror(element, annotation);
        Optional<AnnotationValue> value = mirror.flatMap(m -> m.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals(member))
                .map(e -> (AnnotationValue) e.getValue())
                .findFirst());
        print(message, message.format(args), element, mirror, value);
    }

    /** Prints {@code message} without a source position. */
    public void reportGlobally(Message message, Object... args) {
        errors |= message.kind() == Diagnostic.Kind.ERROR;
        messager.printMessage(message.kind(), message.format(args));
    }

    /** Whether an error has been printed. */
    public boolean hadErrors() {
        return errors;
    }

    private void print(Message message, String text, Element element, Optional<AnnotationMirror> mirror,
                       Optional<AnnotationValue> value) {
        errors |= message.kind() == Diagnostic.Kind.ERROR;
        if (mirror.isPresent() && value.isPresent()) {
            messager.printMessage(message.kind(), text, element, mirror.get(), value.get());
        } else if (mirror.isPresent()) {
            messager.printMessage(message.kind(), text, element, mirror.get());
        } else {
            messager.printMessage(message.kind(), text, element);
        }
    }

    private static Optional<AnnotationMirror> mirror(Element element, String annotation) {
        return element.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(annotation))
                .map(m -> (AnnotationMirror) m)
                .findFirst();
    }

    /** The method's readable name for messages: {@code Owner.method}. */
    public static String describe(ExecutableElement method) {
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
    }
}
