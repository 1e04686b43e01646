package io.driftwatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsLieBelowTheEphemeralRangeAreDistinctAndBindable() throws Exception {
        int ephemeralStart = Ports.ephemeralRangeStart();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertTrue(seen.add(port), "handed out twice: " + port);
            if (ephemeralStart - Ports.LOW >= 1000) {
                assertTrue(port >= Ports.LOW && port < ephemeralStart, port + " is not below the ephemeral range " + ephemeralStart);
            }
        }
        int port = Ports.free();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void aPortSomeoneListensOnIsNotBindable() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertFalse(Ports.bindable(listener.getLocalPort()));
            assertTrue(Ports.isOpen("127.0.0.1", listener.getLocalPort()));
        }
    }

    @Test
    void startOnFreePortsTriesAgainOnlyWhenAPortWasTaken() {
        AtomicInteger attempts = new AtomicInteger();
        String started = Ports.startOnFreePorts(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new PortInUseException("taken");
            }
            return "up";
        });
        assertEquals("up", started);
        assertEquals(3, attempts.get());

        AtomicInteger failing = new AtomicInteger();
        assertThrows(PortInUseException.class, () -> Ports.startOnFreePorts(() -> {
            failing.incrementAndGet();
            throw new PortInUseException("always taken");
        }));
        assertEquals(3, failing.get());

        AtomicInteger other = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Ports.startOnFreePorts(() -> {
            other.incrementAndGet();
            throw new IllegalStateException("broker crashed");
        }));
        assertNotEquals(PortInUseException.class, e.getClass());
        assertEquals(1, other.get(), "other failures are not retried");
    }
}
