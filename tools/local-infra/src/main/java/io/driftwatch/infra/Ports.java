package io.driftwatch.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Port helpers for local processes. */
public final class Ports {
    private Ports() {
    }

    /** Lowest port {@link #free()} hands out: above the registered services most machines run. */
    static final int LOW = 20000;

    /** Every port handed out by {@link #free()} in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before by this JVM.
     *
     * <p>It is chosen below the kernel's ephemeral range: a port from {@code bind(0)} lies inside
     * that range, where any process on the machine can take it (its own {@code bind(0)}, or the
     * local end of an outgoing connection) between the probe and the moment our process binds it.
     * CI saw exactly that once. The memory of handed-out ports keeps a broker's two listeners, or
     * PostgreSQL started in parallel, from getting the same port.
     */
    public static int free() {
        int high = ephemeralRangeStart();
        if (high - LOW >= 1000) {
            for (int attempt = 0; attempt < 500; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOW, high);
                if (!HANDED_OUT.contains(candidate) && bindable(candidate) && HANDED_OUT.add(candidate)) {
                    return candidate;
                }
            }
        }
        // A machine with an unusual ephemeral range: fall back to a port the kernel picks.
        while (true) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0)) {
                candidate = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
    }

    /** The first port of the kernel's ephemeral range (Linux default 32768); 0 when unknown. */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Whether the port can be bound on every address (the strictest test: it conflicts with any listener). */
    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts something on ports from {@link #free()}, choosing fresh ports and trying again (three
     * attempts in all) when another process took one of them between the choice and the start.
     */
    public static <T> T startOnFreePorts(Supplier<T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (PortInUseException e) {
                if (attempt == 3) {
                    throw e;
                }
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
