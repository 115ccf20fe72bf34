package dev.lunora.processor.analysis;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the local variable or parameter that a simple name means at a place in a method body, before the name is
 * looked for among fields: a body is not attributed during annotation processing, so a local {@code table} that
 * hides a constant {@code table} has to be seen in the source. Covers parameters of methods and lambdas, locals
 * declared earlier in an enclosing block or switch case, and the variables of {@code for}, enhanced {@code for},
 * {@code catch} and try-with-resources.
 */
final class LocalNames {
    private LocalNames() {}

    /** The declaration, with its path, of the local variable or parameter {@code name} in scope at {@code place}. */
    static Optional<TreePath> declaration(TreePath place, String name) {
        TreePath child = place;
        for (TreePath parent = place.getParentPath(); parent != null; child = parent, parent = parent.getParentPath()) {
            Optional<VariableTree> found = declaredIn(parent.getLeaf(), child.getLeaf(), name);
            if (found.isPresent()) {
                return Optional.of(new TreePath(parent, found.get()));
            }
        }
        return Optional.empty();
    }

    /** The variable {@code name} that {@code scope} declares for {@code inside}, one of its parts. */
    private static Optional<VariableTree> declaredIn(Tree scope, Tree inside, String name) {
        if (scope instanceof BlockTree block) {
            return declaredBefore(block.getStatements(), inside, name);
        } else if (scope instanceof CaseTree branch && branch.getStatements() != null) {
            return declaredBefore(branch.getStatements(), inside, name);
        } else if (scope instanceof MethodTree method) {
            return named(method.getParameters().stream(), name);
        } else if (scope instanceof LambdaExpressionTree lambda) {
            return named(lambda.getParameters().stream(), name);
        } else if (scope instanceof ForLoopTree loop) {
            return declaredBefore(loop.getInitializer(), inside, name);
        } else if (scope instanceof EnhancedForLoopTree loop && inside != loop.getExpression()) {
            return named(Stream.of(loop.getVariable()), name);
        } else if (scope instanceof CatchTree handler) {
            return named(Stream.of(handler.getParameter()), name);
        } else if (scope instanceof TryTree attempt) {
            return declaredBefore(attempt.getResources(), inside, name);
        }
        return Optional.empty();
    }

    /** The last variable named {@code name} among {@code trees} before {@code stop} (all of them when not there). */
    private static Optional<VariableTree> declaredBefore(List<? extends Tree> trees, Tree stop, String name) {
        VariableTree last = null;
        for (Tree tree : trees) {
            if (tree == stop) {
                break;
            }
            if (tree instanceof VariableTree variable && variable.getName().contentEquals(name)) {
                last = variable;
            }
        }
        return Optional.ofNullable(last);
    }

    private static Optional<VariableTree> named(Stream<? extends VariableTree> variables, String name) {
        return variables.filter(variable -> variable.getName().contentEquals(name)).findFirst().map(v -> v);
    }
}
