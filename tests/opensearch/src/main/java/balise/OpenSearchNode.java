package balise;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one real OpenSearch node for balise's search tests.
 *
 * <p>The node listens on 127.0.0.1 only, with the real Netty4 HTTP transport and the
 * analysis-common module (elision, snowball, stemmer, synonym_graph, ...), both
 * taken from their Maven Central jars and loaded as classpath plugins, the way the
 * server's own integration tests load them. Everything else is the stock server.
 *
 * <p>Usage: {@code OpenSearchNode HOME_DIR ADDRESS_FILE [HTTP_PORT]}. HTTP_PORT 0 (the
 * default) lets the system choose a free port. Once the cluster answers a health request
 * with status yellow or green, the URL {@code http://127.0.0.1:PORT} is written to
 * ADDRESS_FILE (atomically). SIGTERM (or SIGINT) closes the node cleanly and removes
 * ADDRESS_FILE.
 */
public final class OpenSearchNode {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
        Long.getLong("balise.opensearch.ready.timeout.seconds", 150L)
    );

    private OpenSearchNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: OpenSearchNode HOME_DIR ADDRESS_FILE [HTTP_PORT]");
            System.exit(2);
        }
        // Before the first logger is created: our config, not the test framework's.
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "balise-opensearch-log4j2.properties");
        }

        Path home = Paths.get(args[0]).toAbsolutePath();
        Path addressFile = Paths.get(args[1]).toAbsolutePath();
        int port = args.length == 3 ? Integer.parseInt(args[2]) : 0;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad HTTP port: " + port);
        }
        Files.deleteIfExists(addressFile);
        Files.createDirectories(home);

        Settings settings = Settings.builder()
            .put("cluster.name", System.getProperty("balise.opensearch.cluster", "balise-test"))
            .put("node.name", "balise-node-0")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.toString(port))
            .put("transport.port", "0")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        Node node = new ClasspathPluginsNode(settings, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close(node, addressFile);
            } finally {
                closed.countDown();
            }
        }, "balise-opensearch-shutdown"));

        String url;
        try {
            node.start();
            TransportAddress published = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
            url = "http://" + published.getAddress() + ":" + published.getPort();
            waitUntilHealthy(url);
        } catch (Throwable e) {
            System.err.println("balise-opensearch: the node did not start");
            e.printStackTrace();
            // Runs the shutdown hook, which closes the node.
            System.exit(1);
            return;
        }

        Path tmp = addressFile.resolveSibling(addressFile.getFileName() + ".tmp");
        Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, addressFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("balise-opensearch: ready at " + url);
        System.out.flush();

        // The node's threads are daemons: keep the JVM up until SIGTERM has closed it.
        closed.await();
    }

    /** A stock node that also loads the given plugin classes from the classpath. */
    private static final class ClasspathPluginsNode extends Node {
        ClasspathPluginsNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(
                InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> "balise-node-0"),
                plugins,
                true
            );
        }
    }

    /** Polls the cluster health over HTTP until it is at least yellow. */
    private static void waitUntilHealthy(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("cluster not healthy after " + READY_TIMEOUT + ": " + last);
    }

    private static void close(Node node, Path addressFile) {
        try {
            Files.deleteIfExists(addressFile);
        } catch (Exception e) {
            e.printStackTrace();
        }
        try {
            node.close();
            if (node.awaitClose(30, TimeUnit.SECONDS) == false) {
                System.err.println("balise-opensearch: node not closed after 30s");
            }
            System.out.println("balise-opensearch: node closed");
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.out.flush();
            LogManager.shutdown();
        }
    }
}
