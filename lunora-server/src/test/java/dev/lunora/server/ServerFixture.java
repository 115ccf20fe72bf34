package dev.lunora.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts test servers with their tables in an H2 file of the test's temp folder (or, with {@link #on}, wherever a
 * storage function puts them), and closes every server it started after each test. Register it as a field with
 * {@code @RegisterExtension}.
 */
final class ServerFixture implements AfterEachCallback {
    private final List<LunoraServer> started = new ArrayList<>();
    private final Function<Path, ServerStorage> storage;

    /** Servers on an H2 file in the test's temp folder. */
    ServerFixture() {
        this(dir -> ServerStorage.h2File(dir.resolve("server")));
    }

    private ServerFixture(Function<Path, ServerStorage> storage) {
        this.storage = storage;
    }

    /** Servers on {@code storage} of the test's temp folder; the same folder must give the same database. */
    static ServerFixture on(Function<Path, ServerStorage> storage) {
        return new ServerFixture(storage);
    }

    /** Starts {@code builder}'s server storing its tables in {@code dir}'s database. */
    LunoraServer start(LunoraServer.Builder builder, Path dir) {
        LunoraServer server = builder.storage(storage.apply(dir)).build().start();
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
