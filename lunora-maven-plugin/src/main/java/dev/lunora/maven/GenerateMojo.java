package dev.lunora.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn lunora:generate}: runs the Lunora analysis over the project's main sources and writes the bindings it
 * generates ({@code Api}, {@code LunoraCollections}) to {@code target/generated-sources/lunora-preview}, failing the
 * build with the processor's diagnostics when the app's declarations are wrong. The compile generates the same
 * bindings by itself; this goal shows them without a full build.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.compileSourceRoots}", readonly = true, required = true)
    private List<String> sourceRoots;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    private List<String> classpath;

    /** Where the generated sources are written. */
    @Parameter(property = "lunora.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/lunora-preview")
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        BindingPreview.Result result;
        try {
            result = new BindingPreview(sourceRoots.stream().map(Path::of).toList(),
                    classpath.stream().map(Path::of).toList(), outputDirectory.toPath()).run();
        } catch (RuntimeException e) {
            throw new MojoExecutionException("lunora:generate could not run the analysis: " + e.getMessage(), e);
        }
        result.messages().forEach(message -> getLog().info(message));
        if (!result.errors().isEmpty()) {
            result.errors().forEach(error -> getLog().error(error));
            throw new MojoFailureException("the Lunora analysis found " + result.errors().size()
                    + " error(s); see above");
        }
        getLog().info("Lunora bindings written to " + outputDirectory);
    }
}
