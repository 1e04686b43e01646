package io.driftwatch.snapshot.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** driftwatch.snapshot.retention (ISO-8601 duration, default P400D). */
@ApplicationScoped
public class RetentionSettings {
    @ConfigProperty(name = "driftwatch.snapshot.retention", defaultValue = "P400D")
    Duration retention;

    public RetentionWindow window() {
        return new RetentionWindow(retention);
    }
}
