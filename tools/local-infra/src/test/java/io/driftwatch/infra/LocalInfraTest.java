package io.driftwatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

    /**
     * Quarkus test applications each load LocalInfra in their own class loader: they must find what
     * another one started (the recorded coordinates) and start under the same lock.
     */
    @Test
    void whatWasStartedAndTheStartLockAreOnePerJvmWhateverTheClassLoader() throws Exception {
        assumeTrue(System.getenv("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS") == null, "an external broker is configured");
        URL classes = LocalInfra.class.getProtectionDomain().getCodeSource().getLocation();
        String key = LocalInfra.PREFIX + "kafka";
        String before = System.getProperty(key);
        System.setProperty(key, "127.0.0.1:1");
        try (URLClassLoader other = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherLocalInfra = other.loadClass(LocalInfra.class.getName());
            assertNotEquals(LocalInfra.class, otherLocalInfra);
            // Recorded by "this" class loader, found by the other one: no second broker.
            assertEquals("127.0.0.1:1", otherLocalInfra.getMethod("kafkaBootstrapServers").invoke(null));
            var lock = otherLocalInfra.getDeclaredField("LOCK");
            lock.setAccessible(true);
            var ours = LocalInfra.class.getDeclaredField("LOCK");
            ours.setAccessible(true);
            assertSame(ours.get(null), lock.get(null));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
