package io.driftwatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

    /** Quarkus test applications each load LocalInfra in their own class loader; the registry must still be one. */
    @Test
    void theRegistryOfStartedServersIsOnePerJvmWhateverTheClassLoader() throws Exception {
        URL classes = LocalInfra.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherLocalInfra = other.loadClass(LocalInfra.class.getName());
            assertEquals(other, otherLocalInfra.getClassLoader());
            var registry = otherLocalInfra.getDeclaredMethod("registry");
            registry.setAccessible(true);
            Map<?, ?> seenByOther = (Map<?, ?>) registry.invoke(null);
            assertSame(LocalInfra.registry(), seenByOther);
        }
    }
}
