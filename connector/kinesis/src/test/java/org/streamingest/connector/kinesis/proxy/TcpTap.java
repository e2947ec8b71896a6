package org.streamingest.connector.kinesis.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1 that records the first bytes each client sends on a new connection, to
 * see which protocol a client really speaks: {@code PRI * HTTP/2.0} is the HTTP/2 prior-knowledge
 * preface (h2c), {@code POST / HTTP/1.1} a plain HTTP/1.1 request.
 */
final class TcpTap implements AutoCloseable {
    private final URI target;
    private final ServerSocket server;
    private final ExecutorService pumps = Executors.newCachedThreadPool();
    private final Queue<String> prefaces = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

    TcpTap(String targetEndpoint) throws IOException {
        this.target = URI.create(targetEndpoint);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.execute(this::accept);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The first (up to 16) bytes of every client connection, as ASCII. */
    List<String> prefaces() {
        return List.copyOf(prefaces);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pumps.execute(() -> pump(client, upstream, true));
                pumps.execute(() -> pump(upstream, client, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            boolean first = record;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (first && n > 0) {
                    prefaces.add(
                            new String(
                                    Arrays.copyOf(buffer, Math.min(n, 16)),
                                    StandardCharsets.US_ASCII));
                    first = false;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TcpTap::closeQuietly);
        pumps.shutdownNow();
    }
}
