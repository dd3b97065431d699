package dev.ticketkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny TCP forwarder on 127.0.0.1 for fault tests: put it between a pool and the database, then
 * {@link #cut()} every connection (reset, both sides) and refuse new ones until {@link #resume()}.
 */
final class TcpProxy implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    private volatile boolean closed;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon(this::acceptLoop, "tcp-proxy-accept").start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and refuses (accepts and resets) new ones until {@link #resume()}. */
    void cut() {
        up = false;
        for (Socket s : open) {
            reset(s);
        }
        open.clear();
    }

    void resume() {
        up = true;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!up) {
                reset(client);
                continue;
            }
            Socket db;
            try {
                db = new Socket(targetHost, targetPort);
            } catch (IOException e) {
                reset(client);
                continue;
            }
            open.add(client);
            open.add(db);
            daemon(() -> pump(client, db), "tcp-proxy-up").start();
            daemon(() -> pump(db, client), "tcp-proxy-down").start();
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut or closed
        } finally {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST, not a graceful FIN
        } catch (IOException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        cut();
    }
}
