package dev.lunora.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** How build tools find and run the processor: its service and Gradle registrations, its source version. */
final class RegistrationTest {
    @Test
    void gradleRegistersTheProcessorAsAggregating() throws IOException {
        assertEquals(List.of(LunoraProcessor.class.getName() + ",aggregating"),
                lines("META-INF/gradle/incremental.annotation.processors"));
    }

    @Test
    void javacFindsTheProcessorThroughItsServiceFile() throws IOException {
        assertEquals(List.of(LunoraProcessor.class.getName()),
                lines("META-INF/services/javax.annotation.processing.Processor"));
    }

    @Test
    void theProcessorSupportsTheCompilersLatestSourceVersion() {
        assertEquals(SourceVersion.latestSupported(), new LunoraProcessor().getSupportedSourceVersion());
    }

    /** The non-blank lines of a resource of the processor's own jar (or classes folder). */
    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = LunoraProcessor.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "no " + resource + " on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }
}
