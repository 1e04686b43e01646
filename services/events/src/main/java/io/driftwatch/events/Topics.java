package io.driftwatch.events;

import java.util.List;

/** The one place where Driftwatch's Kafka topic names are defined. See docs/events.md. */
public final class Topics {
    private Topics() {
    }

    /** {@code CollectionRequest}, keyed by account id. Producer: collector (scheduler, REST). Consumer: collector workers. */
    public static final String COLLECTION_REQUESTS = "driftwatch.collection-requests";
    /** {@code CollectionEvent} (run markers and configuration items), keyed by account id. Producer: collector. Consumer: snapshot-diff. */
    public static final String CONFIGURATION_ITEMS = "driftwatch.configuration-items";
    /** {@code ResourceChange}, keyed by resource key. Producer: snapshot-diff. Consumer: evaluator. */
    public static final String RESOURCE_CHANGES = "driftwatch.resource-changes";
    /** {@code FindingEvent}, keyed by finding id. Producer: evaluator. Consumer: notifier. */
    public static final String FINDINGS = "driftwatch.findings";
    /** OCSF Compliance Finding JSON, keyed by finding id. Producer: notifier. Consumers: SOC tooling. */
    public static final String ALERTS = "driftwatch.alerts";
    /** Records no consumer could process, with the reason in headers. */
    public static final String DEAD_LETTER = "driftwatch.dead-letter";

    public static final List<String> ALL = List.of(
            COLLECTION_REQUESTS, CONFIGURATION_ITEMS, RESOURCE_CHANGES, FINDINGS, ALERTS, DEAD_LETTER);
}
