package dev.lunora.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.lunora.processor.analysis.AppAnalyzer;
import dev.lunora.processor.analysis.InsertScanner;
import dev.lunora.processor.diagnostics.Message;
import dev.lunora.processor.diagnostics.Reporter;
import dev.lunora.processor.model.AppModel;
import dev.lunora.processor.validation.Annotations;
import dev.lunora.processor.writing.ApiWriter;
import dev.lunora.processor.writing.CollectionsWriter;
import dev.lunora.processor.writing.NameClashes;
import dev.lunora.processor.writing.TableMetaWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;

/**
 * Generates {@code Api}, {@code LunoraTables} (a {@code LunoraTables.<Row>Table} metamodel per table) and, when
 * lunora-runtime is on the compile classpath, {@code LunoraCollections} from the app's {@code @Table} records and
 * {@code @Functions} interfaces. Declarations are carried between rounds by name; the sources are written once, in
 * the first round where every declaration's types resolve. Claims the Lunora annotations (no other processor is
 * meant to read them) and reports any unexpected failure as an error instead of crashing javac.
 */
@AutoService(Processor.class)
public final class LunoraProcessor extends AbstractProcessor {
    private static final String RUNTIME_DB = "dev.lunora.runtime.LunoraDb";
    /** Supported only to claim it on the sources written here, which the next round sees. */
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private final Set<String> tables = new TreeSet<>();
    private final Set<String> modules = new TreeSet<>();
    private final Set<String> sourceTypes = new HashSet<>();
    private Reporter reporter;
    private Optional<InsertScanner> scanner = Optional.empty();
    private boolean written;

    /** Creates the processor; javac instantiates it through the service loader. */
    public LunoraProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        reporter = new Reporter(env.getMessager());
        scanner = InsertScanner.create(env);
        if (scanner.isEmpty()) {
            reporter.reportGlobally(Message.NO_TREE_API);
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Annotations.TABLE, Annotations.FUNCTIONS, Annotations.QUERY, Annotations.MUTATION,
                Annotations.INSERTS, Annotations.NULLABLE, GENERATED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            step(annotations, round);
        } catch (RuntimeException | Error failure) {
            String what = failure + Stream.of(failure.getStackTrace()).findFirst().map(f -> " at " + f).orElse("");
            Optional<TypeElement> where = declarations(tables).stream().findFirst()
                    .or(() -> declarations(modules).stream().findFirst());
            if (where.isPresent()) {
                reporter.report(Message.INTERNAL, where.get(), what);
            } else {
                reporter.reportGlobally(Message.INTERNAL, what);
            }
        }
        // Claims what it supports (the Lunora annotations, and @Generated on its own output) so that
        // -Xlint:processing reports no unclaimed annotations.
        return true;
    }

    private void step(Set<? extends TypeElement> present, RoundEnvironment round) {
        List<String> newTables = annotated(present, round, Annotations.TABLE);
        List<String> newModules = annotated(present, round, Annotations.FUNCTIONS);
        if (written) {
            Stream.concat(newTables.stream(), newModules.stream())
                    .map(name -> processingEnv.getElementUtils().getTypeElement(name))
                    .filter(Objects::nonNull)
                    .forEach(late -> reporter.report(Message.LATE_DECLARATION, late, late.getSimpleName(), "Api"));
            return;
        }
        tables.addAll(newTables);
        modules.addAll(newModules);
        ElementFilter.typesIn(round.getRootElements())
                .forEach(type -> sourceTypes.add(type.getQualifiedName().toString()));
        if (tables.isEmpty() && modules.isEmpty()) {
            return;
        }
        List<TypeElement> tableElements = declarations(tables);
        List<TypeElement> moduleElements = declarations(modules);
        List<TypeElement> unresolved = Stream.concat(tableElements.stream(), moduleElements.stream())
                .filter(AppAnalyzer::unresolved).toList();
        if (!unresolved.isEmpty()) {
            if (round.processingOver() && !round.errorRaised()) {
                unresolved.forEach(d -> reporter.report(Message.UNRESOLVED_TYPE, d, d.getSimpleName()));
            }
            return;
        }
        written = true;
        AppModel app = new AppAnalyzer(processingEnv, reporter, scanner).analyze(tableElements, moduleElements);
        boolean runtime = processingEnv.getElementUtils().getTypeElement(RUNTIME_DB) != null;
        if (reporter.hadErrors()
                || !new NameClashes(processingEnv.getElementUtils(), reporter).check(app, runtime)) {
            return;
        }
        List<JavaFile> files = new ArrayList<>(List.of(new ApiWriter().write(app), new TableMetaWriter().write(app)));
        if (runtime) {
            files.add(new CollectionsWriter().write(app));
        } else {
            reporter.reportGlobally(Message.RUNTIME_MISSING);
        }
        List<TypeElement> taken = files.stream().map(LunoraProcessor::qualifiedName).filter(sourceTypes::contains)
                .map(name -> processingEnv.getElementUtils().getTypeElement(name)).filter(Objects::nonNull).toList();
        if (!taken.isEmpty()) {
            taken.forEach(type -> reporter.report(Message.GENERATED_NAME_TAKEN, type, type.getSimpleName(),
                    app.packageName()));
            return;
        }
        Element[] origins = Stream.concat(tableElements.stream(), moduleElements.stream()).toArray(Element[]::new);
        files.forEach(file -> write(file, origins));
    }

    private static String qualifiedName(JavaFile file) {
        String simpleName = file.typeSpec().name();
        return file.packageName().isEmpty() ? simpleName : file.packageName() + "." + simpleName;
    }

    /**
     * The types annotated with {@code annotation} in this round, by name. Scans the round only when javac found the
     * annotation in it: the later rounds, which hold the sources written here, then cost no scan.
     */
    private static List<String> annotated(Set<? extends TypeElement> present, RoundEnvironment round,
                                          String annotation) {
        return present.stream().filter(type -> type.getQualifiedName().contentEquals(annotation)).findFirst()
                .map(type -> ElementFilter.typesIn(round.getElementsAnnotatedWith(type)).stream()
                        .map(t -> t.getQualifiedName().toString()).sorted().toList())
                .orElse(List.of());
    }

    private List<TypeElement> declarations(Set<String> names) {
        return names.stream().map(name -> processingEnv.getElementUtils().getTypeElement(name))
                .filter(Objects::nonNull).toList();
    }

    private void write(JavaFile file, Element[] origins) {
        String name = qualifiedName(file);
        // Formatted into memory and written in one call: JavaFile.writeTo(Writer) would push every token through
        // the Filer's writer in small pieces.
        String text = file.toString();
        try {
            JavaFileObject source = processingEnv.getFiler().createSourceFile(name, origins);
            try (Writer out = source.openWriter()) {
                out.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
