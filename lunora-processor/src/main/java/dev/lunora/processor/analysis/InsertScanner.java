package dev.lunora.processor.analysis;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.lunora.annotations.Mutation;
import dev.lunora.annotations.Query;
import dev.lunora.annotations.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code <expr>.insert(<table>, …)} calls in a method body with the compiler Tree API and resolves
 * their table argument: a string literal, a string constant (also of another class, by its imports, static ones on
 * demand included), a {@code +} of those, or a {@code Row.class} literal of a {@code @Table} record; an
 * {@code insert} whose first argument is a literal other than a string is some other method. Follows calls into the
 * helper methods of the same type. Bodies are not attributed during annotation processing, so names are resolved here from the source's imports
 * and enclosing types. Remembers each body it read and each type's string constants, for the compilation it was
 * created for. Not thread-safe.
 */
public final class InsertScanner {
    private final Trees trees;
    private final Elements elements;
    private final Map<ExecutableElement, Body> bodies = new HashMap<>();
    private final Map<TypeElement, Map<String, String>> constants = new HashMap<>();

    private InsertScanner(Trees trees, Elements elements) {
        this.trees = trees;
        this.elements = elements;
    }

    /**
     * A scanner for {@code env} (javac's, or a build tool's wrapper around it), or empty when the compiler offers no
     * Tree API (not javac, or a wrapper that hides javac's environment).
     */
    public static Optional<InsertScanner> create(ProcessingEnvironment env) {
        return TreeAccess.of(env).map(trees -> new InsertScanner(trees, env.getElementUtils()));
    }

    /**
     * The insert calls that running {@code method} may make: those of its own body, then those of the helper
     * methods of the same type that it calls, directly or through other helpers (each helper once, so recursion
     * ends), in source order. A helper is a {@code static} or {@code private} method with a body that is not
     * itself a {@code @Query} or {@code @Mutation}; a call is matched to the helpers of its name and argument
     * count, since bodies are not attributed yet. Empty when {@code method} has no body in source.
     */
    List<InsertTarget> scan(ExecutableElement method) {
        List<InsertTarget> found = new ArrayList<>();
        reach(method, new HashSet<>(), found);
        return found;
    }

    private void reach(ExecutableElement method, Set<ExecutableElement> visited, List<InsertTarget> found) {
        if (!visited.add(method)) {
            return;
        }
        Body body = bodies.computeIfAbsent(method, this::read);
        found.addAll(body.inserts());
        body.helpers().forEach(helper -> reach(helper, visited, found));
    }

    /** The inserts and helper calls written in {@code method}'s own body. */
    private Body read(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        TreePath ownerPath = trees.getPath(owner);
        MethodTree tree = trees.getTree(method);
        if (ownerPath == null || tree == null) {
            return new Body(List.of(), List.of());
        }
        // Extends the owner's path: trees.getPath(method) would search the compilation unit from its start again,
        // through every method before this one.
        TreePath path = new TreePath(ownerPath, tree);
        Resolver resolver = new Resolver(path.getCompilationUnit(), owner);
        List<InsertTarget> inserts = new ArrayList<>();
        Set<ExecutableElement> helpers = new LinkedHashSet<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                if (isInsert(call)) {
                    inserts.add(resolver.target(call.getArguments().get(0), getCurrentPath()));
                } else {
                    helpers.addAll(resolver.helpers(call));
                }
                return super.visitMethodInvocation(call, unused);
            }
        }.scan(path, null);
        return new Body(List.copyOf(inserts), List.copyOf(helpers));
    }

    private static ExpressionTree unparenthesized(ExpressionTree expression) {
        ExpressionTree tree = expression;
        while (tree instanceof ParenthesizedTree parenthesized) {
            tree = parenthesized.getExpression();
        }
        return tree;
    }

    /** Whether {@code call} can be a table insert: {@code insert(table, …)}, the table not a non-string literal. */
    private static boolean isInsert(MethodInvocationTree call) {
        return call.getMethodSelect() instanceof MemberSelectTree select
                && select.getIdentifier().contentEquals("insert")
                && call.getArguments().size() >= 2
                && !(unparenthesized(call.getArguments().get(0)) instanceof LiteralTree literal
                        && !(literal.getValue() instanceof String));
    }

    /** Whether {@code method} is a helper: a static or private method with a body, not itself a function. */
    private static boolean isHelper(ExecutableElement method) {
        Set<Modifier> modifiers = method.getModifiers();
        return !modifiers.contains(Modifier.ABSTRACT)
                && (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE))
                && method.getAnnotation(Query.class) == null && method.getAnnotation(Mutation.class) == null;
    }

    /** What one method body does directly: its insert calls and the helpers it calls, in source order. */
    private record Body(List<InsertTarget> inserts, List<ExecutableElement> helpers) {}

    /** Resolves names as the compiler would, from one compilation unit's imports and an enclosing type. */
    private final class Resolver {
        private final CompilationUnitTree unit;
        private final TypeElement enclosing;

        Resolver(CompilationUnitTree unit, TypeElement enclosing) {
            this.unit = unit;
            this.enclosing = enclosing;
        }

        /** The table that {@code argument}, written at {@code place}, names. */
        InsertTarget target(ExpressionTree argument, TreePath place) {
            ExpressionTree tree = unparenthesized(argument);
            Optional<String> table = tree instanceof MemberSelectTree select
                    && select.getIdentifier().contentEquals("class")
                    ? type(select.getExpression().toString())
                            .flatMap(t -> Optional.ofNullable(t.getAnnotation(Table.class))).map(Table::name)
                    : constantValue(tree, place);
            return table.<InsertTarget>map(InsertTarget.Named::new)
                    .orElseGet(() -> new InsertTarget.Dynamic(argument.toString()));
        }

        /**
         * The value of {@code tree}, written at {@code place}, when it is a constant expression this scanner can
         * evaluate: a literal, a string constant by simple or qualified name, a {@code final} local variable
         * initialized with a constant expression, or a {@code +} of those (string concatenation, as javac folds it).
         * A name that means another local variable or a parameter has no value.
         */
        private Optional<String> constantValue(ExpressionTree expression, TreePath place) {
            ExpressionTree tree = unparenthesized(expression);
            if (tree instanceof LiteralTree literal) {
                return Optional.ofNullable(literal.getValue()).map(String::valueOf);
            }
            if (tree instanceof IdentifierTree identifier) {
                String name = identifier.getName().toString();
                Optional<TreePath> local = LocalNames.declaration(place, name);
                return local.isPresent() ? constantLocal(local.get()) : constant(name);
            }
            if (tree instanceof MemberSelectTree select) {
                String member = select.getIdentifier().toString();
                return type(select.getExpression().toString()).flatMap(t -> constantIn(t, member));
            }
            if (tree instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
                return constantValue(binary.getLeftOperand(), place)
                        .flatMap(left -> constantValue(binary.getRightOperand(), place).map(right -> left + right));
            }
            return Optional.empty();
        }

        /** The value of the local variable declared at {@code declaration} when it is a constant variable. */
        private Optional<String> constantLocal(TreePath declaration) {
            VariableTree variable = (VariableTree) declaration.getLeaf();
            return variable.getModifiers().getFlags().contains(Modifier.FINAL) && variable.getInitializer() != null
                    ? constantValue(variable.getInitializer(), declaration) : Optional.empty();
        }

        /** The helper methods of the enclosing type that {@code call} may invoke (see {@link #scan}). */
        List<ExecutableElement> helpers(MethodInvocationTree call) {
            Optional<String> name = Optional.empty();
            if (call.getMethodSelect() instanceof IdentifierTree identifier) {
                name = Optional.of(identifier.getName().toString());
            } else if (call.getMethodSelect() instanceof MemberSelectTree select && namesEnclosing(select)) {
                name = Optional.of(select.getIdentifier().toString());
            }
            int arguments = call.getArguments().size();
            return name.map(n -> ElementFilter.methodsIn(enclosing.getEnclosedElements()).stream()
                            .filter(m -> m.getSimpleName().contentEquals(n) && isHelper(m)
                                    && (m.isVarArgs() ? arguments >= m.getParameters().size() - 1
                                            : arguments == m.getParameters().size()))
                            .toList())
                    .orElse(List.of());
        }

        /** Whether the call target is the enclosing type by name, as in {@code Notes.helper(…)}. */
        private boolean namesEnclosing(MemberSelectTree select) {
            String target = select.getExpression().toString();
            String simple = enclosing.getSimpleName().toString();
            return (target.equals(simple) || target.endsWith("." + simple))
                    && type(target).filter(enclosing::equals).isPresent();
        }

        private Optional<String> constant(String name) {
            for (Element type = enclosing; type instanceof TypeElement t; type = t.getEnclosingElement()) {
                Optional<String> value = constantIn(t, name);
                if (value.isPresent()) {
                    return value;
                }
            }
            Stream<String> single = imports(true).filter(i -> i.endsWith("." + name))
                    .map(i -> i.substring(0, i.length() - name.length() - 1));
            Stream<String> onDemand = imports(true).filter(i -> i.endsWith(".*"))
                    .map(i -> i.substring(0, i.length() - 2));
            return Stream.concat(single, onDemand)
                    .map(owner -> type(owner).flatMap(t -> constantIn(t, name)))
                    .flatMap(Optional::stream)
                    .findFirst();
        }

        private Optional<String> constantIn(TypeElement type, String name) {
            return Optional.ofNullable(constants.computeIfAbsent(type, this::stringConstants).get(name));
        }

        /** The string constants of {@code type}, inherited ones included, by name (the first of each name). */
        private Map<String, String> stringConstants(TypeElement type) {
            Map<String, String> byName = new HashMap<>();
            for (Element member : elements.getAllMembers(type)) {
                if (member.getKind() == ElementKind.FIELD
                        && ((VariableElement) member).getConstantValue() instanceof String value) {
                    byName.putIfAbsent(member.getSimpleName().toString(), value);
                }
            }
            return byName;
        }

        private Optional<TypeElement> type(String dotted) {
            int dot = dotted.indexOf('.');
            String head = dot < 0 ? dotted : dotted.substring(0, dot);
            String rest = dot < 0 ? "" : dotted.substring(dot);
            String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
            Stream<String> members = Stream.iterate((Element) enclosing, e -> e instanceof TypeElement,
                            Element::getEnclosingElement)
                    .flatMap(e -> elements.getAllMembers((TypeElement) e).stream())
                    .filter(e -> e instanceof TypeElement && e.getSimpleName().contentEquals(head))
                    .map(e -> ((TypeElement) e).getQualifiedName().toString());
            Stream<String> single = imports(false).filter(i -> i.endsWith("." + head));
            Stream<String> onDemand = imports(false).filter(i -> i.endsWith(".*"))
                    .map(i -> i.substring(0, i.length() - 1) + head);
            return Stream.of(members, single, Stream.of(pkg + head), onDemand, Stream.of("java.lang." + head,
                            dotted.equals(head) ? "" : head))
                    .flatMap(s -> s)
                    .filter(base -> !base.isEmpty())
                    .map(base -> elements.getTypeElement(base + rest))
                    .filter(t -> t != null)
                    .findFirst();
        }

        private Stream<String> imports(boolean isStatic) {
            return unit.getImports().stream()
                    .filter(i -> i.isStatic() == isStatic)
                    .map(ImportTree::getQualifiedIdentifier)
                    .map(Object::toString);
        }
    }
}
