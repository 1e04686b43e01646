package io.driftwatch.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Port helpers for local processes. */
public final class Ports {
    private Ports() {
    }

    /** Every port handed out by {@link #free()} in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before by this JVM. The OS may offer a port again as
     * soon as the probe socket closes, before the process it was chosen for binds it: without the
     * memory, a broker's two listeners, or PostgreSQL started in parallel, could get the same port.
     */
    public static int free() {
        while (true) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                candidate = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
    }

    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void awaitOpen(String host, int port, Duration timeout, Process process, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + process.exitValue() + " before listening on " + port);
            }
            if (isOpen(host, port)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException(what + " did not listen on " + host + ":" + port + " within " + timeout);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
