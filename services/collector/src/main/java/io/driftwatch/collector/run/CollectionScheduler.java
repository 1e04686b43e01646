package io.driftwatch.collector.run;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/** Starts a full collection on driftwatch.collector.cron ("off" disables it). */
@ApplicationScoped
public class CollectionScheduler {
    private static final Logger LOG = Logger.getLogger(CollectionScheduler.class);

    @Inject
    CollectionStarter starter;

    @Scheduled(cron = "${driftwatch.collector.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "scheduled-collection")
    void collect() {
        try {
            var started = starter.start("schedule", List.of(), List.of(), List.of());
            LOG.infof("scheduled collection %s started for %d accounts", started.runId(), started.accountIds().size());
        } catch (RuntimeException e) {
            LOG.errorf("scheduled collection could not start: %s", e.getMessage());
        }
    }
}
