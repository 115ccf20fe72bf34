package dev.lunora.processor.analysis;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.lunora.annotations.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code <expr>.insert(<table>, …)} calls in a method body with the compiler Tree API and resolves
 * their table argument: a string literal, a string constant (also of another class, by its imports) or a
 * {@code Row.class} literal of a {@code @Table} record. Bodies are not attributed during annotation processing,
 * so names are resolved here from the source's imports and enclosing types. Not thread-safe.
 */
public final class InsertScanner {
    private final Trees trees;
    private final Elements elements;

    private InsertScanner(Trees trees, Elements elements) {
        this.trees = trees;
        this.elements = elements;
    }

    /** A scanner for {@code env}, or empty when the compiler offers no Tree API (not javac, or a wrapped env). */
    public static Optional<InsertScanner> create(ProcessingEnvironment env) {
        try {
            return Optional.of(new InsertScanner(Trees.instance(env), env.getElementUtils()));
        } catch (IllegalArgumentException | LinkageError unavailable) {
            return Optional.empty();
        }
    }

    /** The insert calls of {@code method}'s body, in source order; empty when it has no body in source. */
    List<InsertTarget> scan(ExecutableElement method) {
        TreePath path = trees.getPath(method);
        if (path == null) {
            return List.of();
        }
        Resolver resolver = new Resolver(path.getCompilationUnit(), (TypeElement) method.getEnclosingElement());
        List<InsertTarget> found = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                if (call.getMethodSelect() instanceof MemberSelectTree select
                        && select.getIdentifier().contentEquals("insert")
                        && call.getArguments().size() >= 2) {
                    found.add(resolver.target(call.getArguments().get(0)));
                }
                return super.visitMethodInvocation(call, unused);
            }
        }.scan(path, null);
        return found;
    }

    /** Resolves names as the compiler would, from one compilation unit's imports and an enclosing type. */
    private final class Resolver {
        private final CompilationUnitTree unit;
        private final TypeElement enclosing;

        Resolver(CompilationUnitTree unit, TypeElement enclosing) {
            this.unit = unit;
            this.enclosing = enclosing;
        }

        InsertTarget target(ExpressionTree argument) {
            ExpressionTree tree = argument;
            while (tree instanceof ParenthesizedTree parenthesized) {
                tree = parenthesized.getExpression();
            }
            Optional<String> table = Optional.empty();
            if (tree instanceof LiteralTree literal && literal.getValue() instanceof String name) {
                table = Optional.of(name);
            } else if (tree instanceof IdentifierTree identifier) {
                table = constant(identifier.getName().toString());
            } else if (tree instanceof MemberSelectTree select) {
                String member = select.getIdentifier().toString();
                Optional<TypeElement> type = type(select.getExpression().toString());
                table = member.equals("class")
                        ? type.flatMap(t -> Optional.ofNullable(t.getAnnotation(Table.class))).map(Table::name)
                        : type.flatMap(t -> constantIn(t, member));
            }
            return table.<InsertTarget>map(InsertTarget.Named::new)
                    .orElseGet(() -> new InsertTarget.Dynamic(argument.toString()));
        }

        private Optional<String> constant(String name) {
            for (Element type = enclosing; type instanceof TypeElement t; type = t.getEnclosingElement()) {
                Optional<String> value = constantIn(t, name);
                if (value.isPresent()) {
                    return value;
                }
            }
            return imports(true)
                    .filter(i -> i.endsWith("." + name))
                    .map(i -> type(i.substring(0, i.length() - name.length() - 1)).flatMap(t -> constantIn(t, name)))
                    .flatMap(Optional::stream)
                    .findFirst();
        }

        private Optional<String> constantIn(TypeElement type, String name) {
            return elements.getAllMembers(type).stream()
                    .filter(e -> e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name))
                    .map(e -> ((VariableElement) e).getConstantValue())
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .findFirst();
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
