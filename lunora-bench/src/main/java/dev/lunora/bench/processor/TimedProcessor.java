package dev.lunora.bench.processor;

import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A processor that runs another and adds up the wall, thread CPU and process CPU time of its {@code init} and
 * {@code process} calls: the time the processor itself costs, apart from javac compiling what it generated. Not
 * thread-safe (javac calls a processor from one thread).
 */
final class TimedProcessor implements Processor {
    private final Processor delegate;
    private long nanos;
    private long cpuNanos;
    private long processCpuNanos;

    TimedProcessor(Processor delegate) {
        this.delegate = delegate;
    }

    /** The wall time spent in the delegate so far, in ns. */
    long nanos() {
        return nanos;
    }

    /** The calling (javac's) thread's CPU time spent in the delegate so far, in ns. */
    long cpuNanos() {
        return cpuNanos;
    }

    /** The CPU time of all the JVM's threads while in the delegate so far, in ns: also that of threads it starts. */
    long processCpuNanos() {
        return processCpuNanos;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment processingEnv) {
        long start = System.nanoTime();
        long cpu = JavacRun.threadCpuNanos();
        long processCpu = JavacRun.processCpuNanos();
        delegate.init(processingEnv);
        add(start, cpu, processCpu);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        long start = System.nanoTime();
        long cpu = JavacRun.threadCpuNanos();
        long processCpu = JavacRun.processCpuNanos();
        boolean claimed = delegate.process(annotations, roundEnv);
        add(start, cpu, processCpu);
        return claimed;
    }

    private void add(long start, long cpu, long processCpu) {
        nanos += System.nanoTime() - start;
        cpuNanos += JavacRun.threadCpuNanos() - cpu;
        processCpuNanos += JavacRun.processCpuNanos() - processCpu;
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                                                         ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }
}
