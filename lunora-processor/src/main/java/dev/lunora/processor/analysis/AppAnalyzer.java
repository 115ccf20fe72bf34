package dev.lunora.processor.analysis;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Mutation;
import dev.lunora.annotations.Nullable;
import dev.lunora.annotations.Query;
import dev.lunora.annotations.Table;
import dev.lunora.processor.diagnostics.Message;
import dev.lunora.processor.diagnostics.Reporter;
import dev.lunora.processor.model.AppModel;
import dev.lunora.processor.model.ArgSource;
import dev.lunora.processor.model.Attribution;
import dev.lunora.processor.model.FieldModel;
import dev.lunora.processor.model.FunctionKind;
import dev.lunora.processor.model.FunctionModel;
import dev.lunora.processor.model.InsertBinding;
import dev.lunora.processor.model.ModuleModel;
import dev.lunora.processor.model.ParamModel;
import dev.lunora.processor.model.TableModel;
import dev.lunora.processor.validation.Annotations;
import dev.lunora.processor.validation.BindingRules;
import dev.lunora.processor.validation.DeclarationRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;
import javax.lang.model.util.Types;

/**
 * Builds the {@link AppModel} from the app's {@code @Table} and {@code @Functions} elements of one round: checks
 * each declaration, finds every table's sync source and insert binding, and reports what it cannot bind. Invalid
 * declarations are left out of the model after their error is reported. Not thread-safe.
 */
public final class AppAnalyzer {
    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final Optional<InsertScanner> scanner;
    private final DeclarationRules declarations;
    private final BindingRules bindings;

    /** An analyzer over {@code env}, scanning mutation bodies with {@code scanner} when there is one. */
    public AppAnalyzer(ProcessingEnvironment env, Reporter reporter, Optional<InsertScanner> scanner) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.reporter = reporter;
        this.scanner = scanner;
        this.declarations = new DeclarationRules(reporter, types);
        this.bindings = new BindingRules(reporter, types, declarations);
    }

    /** Whether a type that {@code declaration} mentions in a signature is not (yet) resolved. */
    public static boolean unresolved(TypeElement declaration) {
        Stream<TypeMirror> components = declaration.getRecordComponents().stream().map(Element::asType);
        Stream<TypeMirror> signatures = ElementFilter.methodsIn(declaration.getEnclosedElements()).stream()
                .flatMap(m -> Stream.concat(Stream.of(m.getReturnType()),
                        m.getParameters().stream().map(Element::asType)));
        return Stream.concat(components, signatures).anyMatch(AppAnalyzer::containsError);
    }

    /** Analyses the given declarations into the app model; the package is their longest common package. */
    public AppModel analyze(Collection<TypeElement> tableElements, Collection<TypeElement> moduleElements) {
        Map<String, TypeElement> tables = new TreeMap<>();
        sorted(tableElements).filter(declarations::checkTable).forEach(t -> {
            String name = t.getAnnotation(Table.class).name();
            TypeElement first = tables.putIfAbsent(name, t);
            if (first != null) {
                reporter.reportOnAnnotationValue(Message.DUPLICATE_TABLE, t, Annotations.TABLE, "name", name,
                        t.getQualifiedName(), first.getQualifiedName());
            }
        });
        Map<ExecutableElement, FunctionModel> functions = new LinkedHashMap<>();
        Map<String, TypeElement> moduleNames = new HashMap<>();
        List<ModuleModel> modules = sorted(moduleElements).filter(declarations::checkFunctions)
                .filter(iface -> uniqueModule(iface, moduleNames))
                .map(iface -> module(iface, functions))
                .sorted(Comparator.comparing(ModuleModel::module))
                .toList();
        Map<String, List<Inserter>> inserters = inserters(functions, tables);
        Map<Element, List<ExecutableElement>> listQueries = listQueriesByRow(functions);
        List<TableModel> tableModels = tables.entrySet().stream()
                .map(e -> table(e.getKey(), e.getValue(), functions,
                        listQueries.getOrDefault(e.getValue(), List.of()),
                        inserters.getOrDefault(e.getKey(), List.of())))
                .toList();
        String pkg = commonPackage(Stream.concat(tableElements.stream(), moduleElements.stream()).toList());
        return new AppModel(pkg, tableModels, modules, javaLangShadows(pkg));
    }

    /**
     * The simple names of the types in {@code pkg} that {@code java.lang} also declares (read from one listing of
     * {@code java.lang}: looking each of the app's names up there would search the class path for every miss).
     */
    private Set<String> javaLangShadows(String pkg) {
        Set<String> javaLang = Optional.ofNullable(elements.getPackageElement("java.lang")).stream()
                .flatMap(p -> ElementFilter.typesIn(p.getEnclosedElements()).stream())
                .map(t -> t.getSimpleName().toString())
                .collect(Collectors.toSet());
        return Optional.ofNullable(elements.getPackageElement(pkg)).stream()
                .flatMap(p -> ElementFilter.typesIn(p.getEnclosedElements()).stream())
                .map(t -> t.getSimpleName().toString())
                .filter(javaLang::contains)
                .collect(Collectors.toSet());
    }

    /** Whether {@code iface} is the first interface of its module name; reports it when it is not. */
    private boolean uniqueModule(TypeElement iface, Map<String, TypeElement> moduleNames) {
        String module = moduleName(iface);
        TypeElement first = moduleNames.putIfAbsent(module, iface);
        if (first != null) {
            reporter.reportOnAnnotation(Message.DUPLICATE_MODULE, iface, Annotations.FUNCTIONS, module,
                    iface.getQualifiedName(), first.getQualifiedName());
        }
        return first == null;
    }

    private static String moduleName(TypeElement iface) {
        String declared = iface.getAnnotation(Functions.class).value();
        return declared.isEmpty() ? decapitalize(iface.getSimpleName().toString()) : declared;
    }

    private ModuleModel module(TypeElement iface, Map<ExecutableElement, FunctionModel> functions) {
        String module = moduleName(iface);
        List<FunctionModel> models = new ArrayList<>();
        Map<String, ExecutableElement> byName = new HashMap<>();
        for (ExecutableElement method : ElementFilter.methodsIn(iface.getEnclosedElements())) {
            Optional<FunctionKind> kind = method.getAnnotation(Query.class) != null ? Optional.of(FunctionKind.QUERY)
                    : method.getAnnotation(Mutation.class) != null ? Optional.of(FunctionKind.MUTATION)
                    : Optional.empty();
            if (kind.isPresent() && declarations.checkFunction(method, kind.get())
                    && uniqueFunction(method, kind.get(), module, byName)) {
                FunctionModel model = new FunctionModel(ClassName.get(iface), module,
                        method.getSimpleName().toString(), kind.get(), params(method),
                        TypeName.get(method.getReturnType()), method.getModifiers().contains(Modifier.STATIC));
                models.add(model);
                functions.put(method, model);
            }
        }
        models.sort(Comparator.comparing(FunctionModel::name));
        return new ModuleModel(ClassName.get(iface), module, models);
    }

    /** Whether {@code method} is the first function of its name in its module; reports it when it is not. */
    private boolean uniqueFunction(ExecutableElement method, FunctionKind kind, String module,
                                   Map<String, ExecutableElement> byName) {
        if (byName.putIfAbsent(method.getSimpleName().toString(), method) == null) {
            return true;
        }
        reporter.reportOnAnnotation(Message.DUPLICATE_FUNCTION, method,
                kind == FunctionKind.QUERY ? Annotations.QUERY : Annotations.MUTATION, Reporter.describe(method),
                module + ":" + method.getSimpleName(), method.getEnclosingElement().getSimpleName());
        return false;
    }

    private static List<ParamModel> params(ExecutableElement method) {
        return method.getParameters().stream().skip(1)
                .map(p -> new ParamModel(p.getSimpleName().toString(), TypeName.get(p.asType()),
                        p.getAnnotation(Nullable.class) != null))
                .toList();
    }

    private TableModel table(String name, TypeElement row, Map<ExecutableElement, FunctionModel> functions,
                             List<ExecutableElement> listQueries, List<Inserter> inserters) {
        Table table = row.getAnnotation(Table.class);
        Optional<String> shardBy = Optional.of(table.shardBy()).filter(s -> !s.isEmpty());
        List<FieldModel> components = row.getRecordComponents().stream()
                .map(c -> new FieldModel(c.getSimpleName().toString(), TypeName.get(c.asType()),
                        c.getAnnotation(Nullable.class) != null))
                .toList();
        Optional<FunctionModel> syncSource = syncSource(name, row, shardBy, functions, listQueries);
        Optional<InsertBinding> insert = Optional.empty();
        if (inserters.isEmpty()) {
            if (table.expectInsert()) {
                bindings.reportWithoutInsert(row, name);
            }
        } else {
            insert = binding(name, row, inserters, functions);
        }
        return new TableModel(name, ClassName.get(row), components, shardBy, syncSource, insert);
    }

    /**
     * The {@code @Query list} methods returning {@code List<X>}, by the element of {@code X}, so that each table
     * only compares the types of its own candidates.
     */
    private static Map<Element, List<ExecutableElement>> listQueriesByRow(
            Map<ExecutableElement, FunctionModel> functions) {
        Map<Element, List<ExecutableElement>> byRow = new HashMap<>();
        functions.forEach((method, model) -> {
            if (model.kind() == FunctionKind.QUERY && model.name().equals("list")
                    && method.getReturnType() instanceof DeclaredType list && list.getTypeArguments().size() == 1
                    && list.getTypeArguments().get(0) instanceof DeclaredType row) {
                byRow.computeIfAbsent(row.asElement(), r -> new ArrayList<>()).add(method);
            }
        });
        return byRow;
    }

    private Optional<FunctionModel> syncSource(String name, TypeElement row, Optional<String> shardBy,
                                               Map<ExecutableElement, FunctionModel> functions,
                                               List<ExecutableElement> listQueries) {
        TypeMirror listOfRows = types.getDeclaredType(elements.getTypeElement("java.util.List"), row.asType());
        Optional<ExecutableElement> list = listQueries.stream()
                .filter(method -> types.isSameType(method.getReturnType(), listOfRows))
                .min(Comparator.comparing(method -> functions.get(method).path()));
        if (list.isEmpty()) {
            bindings.reportWithoutSyncSource(row, name);
            return Optional.empty();
        }
        return list.filter(l -> bindings.checkSyncSource(row, name, shardBy, l)).map(functions::get);
    }

    private Optional<InsertBinding> binding(String name, TypeElement row, List<Inserter> inserters,
                                            Map<ExecutableElement, FunctionModel> functions) {
        Optional<Inserter> chosen = inserters.size() == 1 ? Optional.of(inserters.get(0))
                : bindings.chooseBinding(row, name,
                        inserters.stream().map(Inserter::method).toList(),
                        inserters.stream().map(Inserter::method)
                                .filter(m -> m.getAnnotation(Mutation.class).binds()).toList())
                .flatMap(m -> inserters.stream().filter(i -> i.method().equals(m)).findFirst());
        return chosen.flatMap(c -> {
            Optional<List<ArgSource>> sources = bindings.mapArguments(row, name, c.method());
            return sources.map(s -> new InsertBinding(functions.get(c.method()), s, c.attribution(),
                    inserters.size() > 1));
        });
    }

    /** The mutations inserting into each known table, in path order, each with why it was attributed. */
    private Map<String, List<Inserter>> inserters(Map<ExecutableElement, FunctionModel> functions,
                                                  Map<String, TypeElement> tables) {
        Map<String, List<Inserter>> byTable = new TreeMap<>();
        functions.entrySet().stream()
                .filter(e -> e.getValue().kind() == FunctionKind.MUTATION)
                .sorted(Comparator.comparing(e -> e.getValue().path()))
                .forEach(e -> {
                    Map<String, Attribution> targets = new LinkedHashMap<>();
                    for (InsertTarget target : scanner.map(s -> s.scan(e.getKey())).orElse(List.of())) {
                        if (target instanceof InsertTarget.Named named) {
                            targets.putIfAbsent(named.table(), Attribution.BODY);
                        } else if (target instanceof InsertTarget.Dynamic dynamic) {
                            reporter.reportOnAnnotation(Message.DYNAMIC_TABLE_NAME, e.getKey(), Annotations.MUTATION,
                                    Reporter.describe(e.getKey()), dynamic.expression());
                        }
                    }
                    declaredInserts(e.getKey()).forEach(t -> targets.putIfAbsent(t, Attribution.INSERTS_ANNOTATION));
                    targets.forEach((table, why) -> {
                        if (tables.containsKey(table)) {
                            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new Inserter(e.getKey(), why));
                        }
                    });
                });
        return byTable;
    }

    /** The table names listed by the method's {@code @Inserts}, read from the mirror (its values are classes). */
    private static List<String> declaredInserts(ExecutableElement method) {
        return method.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(Annotations.INSERTS))
                .flatMap(m -> m.getElementValues().values().stream())
                .flatMap(v -> v.accept(new SimpleAnnotationValueVisitor14<Stream<TypeMirror>, Void>(Stream.empty()) {
                    @Override
                    public Stream<TypeMirror> visitType(TypeMirror type, Void unused) {
                        return Stream.of(type);
                    }

                    @Override
                    public Stream<TypeMirror> visitArray(List<? extends AnnotationValue> values, Void unused) {
                        return values.stream().flatMap(value -> value.accept(this, null));
                    }
                }, null))
                .filter(t -> t.getKind() == TypeKind.DECLARED)
                .map(t -> ((DeclaredType) t).asElement().getAnnotation(Table.class))
                .filter(t -> t != null)
                .map(Table::name)
                .toList();
    }

    private static boolean containsError(TypeMirror type) {
        return switch (type.getKind()) {
            case ERROR -> true;
            case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().anyMatch(AppAnalyzer::containsError);
            case ARRAY -> containsError(((ArrayType) type).getComponentType());
            default -> false;
        };
    }

    private Stream<TypeElement> sorted(Collection<TypeElement> declarations) {
        return declarations.stream().sorted(Comparator.comparing(t -> t.getQualifiedName().toString()));
    }

    private String commonPackage(List<TypeElement> declarations) {
        List<String> common = null;
        for (TypeElement declaration : declarations) {
            String pkg = elements.getPackageOf(declaration).getQualifiedName().toString();
            List<String> parts = pkg.isEmpty() ? List.of() : Arrays.asList(pkg.split("\\."));
            if (common == null) {
                common = parts;
            } else {
                int same = 0;
                while (same < common.size() && same < parts.size() && common.get(same).equals(parts.get(same))) {
                    same++;
                }
                common = common.subList(0, same);
            }
        }
        return common == null ? "" : String.join(".", common);
    }

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** A mutation inserting into a table, and why it was found to. */
    private record Inserter(ExecutableElement method, Attribution attribution) {}
}
