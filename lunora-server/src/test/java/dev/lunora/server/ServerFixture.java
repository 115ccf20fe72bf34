package dev.lunora.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts test servers with their tables in an H2 file of the test's temp folder, and closes every server it started
 * after each test. Register it as a field with {@code @RegisterExtension}.
 */
final class ServerFixture implements AfterEachCallback {
    private final List<LunoraServer> started = new ArrayList<>();

    /** Starts {@code builder}'s server storing its tables in {@code dir}. */
    LunoraServer start(LunoraServer.Builder builder, Path dir) {
        LunoraServer server = builder.storage(ServerStorage.h2File(dir.resolve("server"))).build().start();
        started.add(server);
        return server;
    }

    /** The test app's server where every token but {@code refused} is accepted as the user id. */
    LunoraServer startTestApp(Path dir) {
        return start(TestApp.server().tokenVerifier(token -> token.equals("refused") ? Optional.empty()
                : Optional.of(token)), dir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(LunoraServer::close);
        started.clear();
    }
}
