package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the JUnit 5 extensions that give a test class one local Kinesis-API server per JVM.
 *
 * <p>The server starts on first use (the first {@code beforeAll} of any class using the extension)
 * and is kept in the root {@link ExtensionContext.Store}, which stops it when the test run ends.
 * Register the extension with {@code @RegisterExtension static final} (then use its accessors from
 * {@code @BeforeAll}, test and {@code @AfterAll} methods), with {@code @ExtendWith}, or by
 * implementing {@link KinesisMockTest} / {@link KinesaliteTest}.
 */
public abstract class KinesisServerExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KinesisServerExtension.class);
    private static final Map<KinesisServerKind, KinesisFixture> RUNNING = new ConcurrentHashMap<>();

    private final KinesisServerKind kind;

    protected KinesisServerExtension(KinesisServerKind kind) {
        this.kind = kind;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureStarted(context);
    }

    private void ensureStarted(ExtensionContext context) {
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(kind, k -> new SharedFixture(kind), SharedFixture.class);
    }

    /** The running fixture of {@code kind}, or an error saying how to register the extension. */
    static KinesisFixture running(KinesisServerKind kind) {
        KinesisFixture fixture = RUNNING.get(kind);
        if (fixture == null) {
            throw new IllegalStateException(
                    "No "
                            + kind
                            + " server is running yet: register its extension with"
                            + " @RegisterExtension static, @ExtendWith or the test interface, and"
                            + " use it from @BeforeAll, test or @AfterAll methods, not from static"
                            + " initializers.");
        }
        return fixture;
    }

    public KinesisServerKind kind() {
        return kind;
    }

    /** The running server with its client and stream helper. */
    public KinesisFixture fixture() {
        return running(kind);
    }

    /** The plain-HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return fixture().endpoint();
    }

    /** The region clients sign with (us-east-1). */
    public Region region() {
        return fixture().region();
    }

    /** A shared, ready sync client; do not close it. */
    public KinesisClient client() {
        return fixture().client();
    }

    /** The stream helper bound to this server. */
    public TestStreams streams() {
        return fixture().streams();
    }

    /** Holds the fixture in the root store and stops it when the test run ends. */
    private static final class SharedFixture implements ExtensionContext.Store.CloseableResource {
        private final KinesisServerKind kind;
        private final KinesisFixture fixture;

        SharedFixture(KinesisServerKind kind) {
            this.kind = kind;
            this.fixture = KinesisFixture.start(kind);
            RUNNING.put(kind, fixture);
        }

        @Override
        public void close() {
            RUNNING.remove(kind, fixture);
            fixture.close();
        }
    }
}
