package io.driftwatch.collector.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * Progress of the most recent collection run as Prometheus gauges, read from the shared run
 * table (so every replica reports the whole run, not only its own accounts). Cached for a few
 * seconds: a scrape never costs more than one query.
 */
@ApplicationScoped
public class RunMetrics {
    private static final long CACHE_NANOS = 5_000_000_000L;

    @Inject
    CollectionRuns runs;
    @Inject
    MeterRegistry registry;

    private volatile Map<String, Object> cached = Map.of();
    private volatile long cachedAt;

    void register(@Observes StartupEvent event) {
        Gauge.builder("driftwatch.collector.latest.run.accounts.total", this, m -> m.number("accountsTotal"))
                .description("accounts in the most recent collection run").register(registry);
        Gauge.builder("driftwatch.collector.latest.run.accounts.done", this, m -> m.number("accountsDone"))
                .description("accounts of the most recent run collected so far").register(registry);
        Gauge.builder("driftwatch.collector.latest.run.accounts.failed", this, m -> m.number("accountsFailed"))
                .description("accounts of the most recent run that failed (e.g. AssumeRole denied)").register(registry);
        Gauge.builder("driftwatch.collector.latest.run.items", this, m -> m.number("itemsCollected"))
                .description("configuration items collected by the most recent run so far").register(registry);
    }

    double number(String field) {
        Object value = latest().get(field);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private Map<String, Object> latest() {
        long now = System.nanoTime();
        if (now - cachedAt > CACHE_NANOS) {
            try {
                Optional<Map<String, Object>> progress = runs.recentRunIds(1).stream().findFirst().flatMap(runs::progress);
                cached = progress.orElse(Map.of());
            } catch (RuntimeException e) {
                cached = Map.of(); // the database being down must not break the metrics endpoint
            }
            cachedAt = now;
        }
        return cached;
    }
}
